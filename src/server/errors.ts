/**
 * Structured API errors: every error response is `{error: {code, message, hint}}` with a
 * fitting status; never a stack trace (internal errors are logged, not sent).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly hint: string | null;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, hint: string | null = null, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.hint = hint;
    this.headers = headers;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; hint: string | null };
}

export const errorBody = (code: string, message: string, hint: string | null = null): ErrorBody => ({ error: { code, message, hint } });

export const notFound = (what: string, id: string, hint?: string): ApiError =>
  new ApiError(404, 'not_found', `${what} not found: ${id}`, hint ?? 'list what exists with GET /api/stories or GET /api/articles');

export const badRequest = (message: string, hint?: string): ApiError => new ApiError(400, 'bad_request', message, hint ?? 'see /openapi.json for the parameters');

/** Fastify's own errors (body too large, bad JSON, wrong media type) mapped to our codes. */
export function fromFastifyError(err: { code?: string; statusCode?: number; message?: string }): ApiError {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'payload_too_large', 'request body is over the size limit', 'send fewer articles per request (split the JSONL), or start the server with a larger --max-body');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported_media_type', 'unsupported Content-Type', 'send application/json (an object or an array) or application/x-ndjson (JSON Lines)');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'invalid_json', 'the body is not valid JSON', 'send one JSON object, a JSON array, or JSON Lines');
    case 'FST_ERR_VALIDATION':
      return badRequest(err.message ?? 'invalid request');
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return new ApiError(status, 'bad_request', err.message ?? 'bad request');
  return new ApiError(500, 'internal', 'internal server error', 'the server log has the details; report it if it persists');
}
