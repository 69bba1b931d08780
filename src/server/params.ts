/** Query-string parsing for the read endpoints: zod schemas, errors as 400 with a hint. */
import { z } from 'zod';
import { badRequest } from './errors.ts';

export const MAX_LIMIT = 100;
export const MAX_OFFSET = 100_000;

const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be an ISO date like 2025-03-18 (or 2025-03, 2025)')
  .optional();
const text = z.string().max(500, 'at most 500 characters').optional();

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(20),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
  /** opaque cursor from a previous page's `next_cursor` (overrides offset) */
  cursor: z.string().max(100).optional(),
});

export const StoriesQuery = PageQuery.extend({
  order: z.enum(['newest', 'biggest']).default('newest'),
  source: text,
  since: isoDate,
  until: isoDate,
  q: text,
});

export const ArticlesQuery = PageQuery.extend({
  source: text,
  since: isoDate,
  until: isoDate,
  q: text,
});

export const SearchQuery = PageQuery.extend({
  q: z.string().min(1, 'q is required').max(500, 'at most 500 characters'),
  type: z.enum(['all', 'articles', 'stories']).default('all'),
  source: text,
  since: isoDate,
  until: isoDate,
  entity: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const IdParam = z.object({ id: z.string().min(1).max(300) });

export function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const msg = r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw badRequest(msg);
  }
  return r.data;
}

/** offset from `cursor` (base64url JSON {o}) when given */
export function offsetOf(q: { offset: number; cursor?: string }): number {
  if (!q.cursor) return q.offset;
  try {
    const o = (JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0 && o <= MAX_OFFSET) return o;
  } catch {
    // fall through
  }
  throw badRequest('cursor is not valid', 'pass the next_cursor value of a previous page unchanged');
}

export const cursorFor = (offset: number): string => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

/** the page envelope: items, and where the next page starts when there is one */
export function page<T>(items: T[], limit: number, offset: number, total: number | null) {
  const shown = items.slice(0, limit);
  const more = total !== null ? offset + shown.length < total : items.length > limit;
  return {
    items: shown,
    limit,
    offset,
    total,
    next_offset: more ? offset + shown.length : null,
    next_cursor: more ? cursorFor(offset + shown.length) : null,
  };
}
