/** The OpenAPI 3 description of the API, served at /openapi.json. */

const errorRef = { $ref: '#/components/schemas/Error' };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? 'error', content: { 'application/json': { schema: errorRef } } }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'bad parameter or body',
  401: 'no bearer token',
  403: 'wrong token, or ingest disabled',
  404: 'not found',
  413: 'body over the size limit, or too many records',
  415: 'unsupported Content-Type',
  422: 'no record could be read',
};

const q = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }, required = false) => ({ name, in: 'query', required, description, schema });
const pageParams = [
  q('limit', 'page size', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
  q('offset', 'items to skip', { type: 'integer', minimum: 0, default: 0 }),
  q('cursor', 'the next_cursor of the previous page (instead of offset)'),
];
const filterParams = [
  q('source', 'outlet name, exactly as in `sources`'),
  q('since', 'ISO date (inclusive)', { type: 'string', example: '2025-03-01' }),
  q('until', 'ISO date (inclusive)', { type: 'string', example: '2025-03-31' }),
];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const json = (schema: Record<string, unknown>, description = 'ok') => ({ description, content: { 'application/json': { schema } } });
const page = (item: string) => ({
  type: 'object',
  required: ['items', 'limit', 'offset', 'next_cursor'],
  properties: {
    items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
    total: { type: ['integer', 'null'], description: 'null when filtered (not counted)' },
    next_offset: { type: ['integer', 'null'] },
    next_cursor: { type: ['string', 'null'] },
  },
});
const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const ids = { type: 'array', items: str };
const highlights = { type: 'array', items: { type: 'object', properties: { start: { type: 'integer' }, end: { type: 'integer' } } } };

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Marsad API',
      version: '0.1.0',
      description:
        'Read-only access to the stories, articles and entities Marsad derived from scraped Arabic news, plus an authenticated ingest endpoint. Offsets (start/end) are UTF-16 code-unit offsets, end exclusive. Errors are {error: {code, message, hint}}. GET responses carry an ETag; send If-None-Match to get 304.',
    },
    paths: {
      '/api/stories': {
        get: {
          summary: 'Story feed',
          parameters: [...pageParams, q('order', 'newest (by last date) or biggest (by article count)', { type: 'string', enum: ['newest', 'biggest'], default: 'newest' }), ...filterParams, q('q', 'text filter (Arabic normalised, stemmed)')],
          responses: { 200: json(page('StorySummary')), ...errors(400) },
        },
      },
      '/api/stories/{id}': {
        get: {
          summary: 'One story with what its page needs: the story record (export contract), its articles with body paragraphs and shared passages, quotes by speaker, coverage by outlet',
          parameters: [idParam],
          responses: { 200: json({ $ref: '#/components/schemas/StoryView' }), ...errors(404) },
        },
      },
      '/api/articles': {
        get: {
          summary: 'Articles (ingest order), or ranked by a text query `q`',
          parameters: [...pageParams, ...filterParams, q('q', 'text query')],
          responses: { 200: json(page('ArticleSummary')), ...errors(400) },
        },
        post: {
          summary: 'Ingest articles (bearer token). Body: one JSON object, a JSON array, or JSON Lines with the fields of the JSON Lines ingest format. The pipeline runs on what is new.',
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/ArticleInput' }, { type: 'array', items: { $ref: '#/components/schemas/ArticleInput' } }] } },
              'application/x-ndjson': { schema: { type: 'string', description: 'one ArticleInput object per line' } },
            },
          },
          responses: {
            201: json({ $ref: '#/components/schemas/IngestResult' }, 'at least one article added'),
            200: json({ $ref: '#/components/schemas/IngestResult' }, 'every article was already stored'),
            ...errors(400, 401, 403, 413, 415, 422),
          },
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'One article: the export record (contract fields) plus raw text, cleaned text, paragraphs and removed spans (offsets into `text`), reuse links with titles',
          parameters: [idParam],
          responses: { 200: json({ type: 'object' }), ...errors(404) },
        },
      },
      '/api/entities/{id}': {
        get: {
          summary: 'One entity: name, type, spelling variants, stories, articles, quotes it is the speaker of',
          parameters: [idParam],
          responses: { 200: json({ type: 'object' }), ...errors(404) },
        },
      },
      '/api/search': {
        get: {
          summary: 'Search stories and articles (normalised: hamza/alef, taa marbuta, clitics; light stems). Snippets give matched words as offsets.',
          parameters: [
            q('q', 'query', { type: 'string', maxLength: 500 }, true),
            q('type', 'what to search', { type: 'string', enum: ['all', 'articles', 'stories'], default: 'all' }),
            ...filterParams,
            q('entity', 'only articles mentioning this entity id'),
            q('limit', 'page size', { type: 'integer', minimum: 1, maximum: 50, default: 10 }),
            q('offset', 'articles to skip', { type: 'integer', minimum: 0, default: 0 }),
            q('cursor', 'next_cursor from the previous page'),
          ],
          responses: { 200: json({ $ref: '#/components/schemas/SearchResult' }), ...errors(400) },
        },
      },
      '/api/stats': { get: { summary: 'Counts and the outlets (for filters)', responses: { 200: json({ type: 'object' }) } } },
      '/api/health': { get: { summary: 'Liveness', responses: { 200: json({ type: 'object' }) } } },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the token given to `marsad serve --token` or MARSAD_TOKEN' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message', 'hint'], properties: { code: str, message: str, hint: nstr } } },
        },
        StorySummary: {
          type: 'object',
          properties: {
            id: str, title: str, headline: str, sources: ids, article_count: { type: 'integer' }, date_start: nstr, date_end: nstr,
            first_reported_by: nstr, lead: nstr, conflict_count: { type: 'integer' }, entity_count: { type: 'integer' },
          },
        },
        ArticleSummary: { type: 'object', properties: { id: str, title: nstr, source: nstr, published_at: nstr, url: nstr, story_id: nstr } },
        StoryView: {
          type: 'object',
          properties: {
            story: { type: 'object', description: 'the Story record of the export contract' },
            articles: { type: 'array', items: { type: 'object', properties: { id: str, title: nstr, source: nstr, paragraphs: { type: 'array' }, shared: { type: 'array' } } } },
            quotes_by_speaker: { type: 'array' },
            coverage: { type: 'array' },
            missing: { type: 'array', items: str, description: 'analysis stages with no records for these articles' },
          },
        },
        ArticleInput: {
          type: 'object',
          properties: { id: { type: ['string', 'number'] }, url: str, source: str, published_at: str, title: str, lang: str, text: str, html: str },
          description: 'needs a non-empty text or html',
        },
        IngestResult: {
          type: 'object',
          properties: {
            added: { type: 'array', items: { type: 'object', properties: { id: str, story_id: nstr } } },
            existing: ids,
            failed: { type: 'array', items: { type: 'object', properties: { where: str, reason: str } } },
          },
        },
        SearchResult: {
          type: 'object',
          properties: {
            query: str,
            terms: ids,
            stories: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array' } } },
            articles: {
              type: 'object',
              properties: {
                total: { type: 'integer' },
                next_cursor: nstr,
                items: { type: 'array', items: { type: 'object', properties: { id: str, title: nstr, source: nstr, snippet: { type: 'object', properties: { text: str, highlights } } } } },
              },
            },
          },
        },
      },
    },
  };
}
