/** zod schemas for external metadata (sidecars, JSON Lines) and date normalisation. */
import { z } from 'zod';

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 as given when it already is (keeps the zone), else a parsed date as ISO UTC, else null. */
export function toIsoDate(value: string | null | undefined): string | null {
  if (value == null) return null;
  const v = value.trim();
  if (!v) return null;
  if (ISO.test(v)) return Number.isNaN(Date.parse(v.replace(' ', 'T'))) ? null : v.replace(' ', 'T');
  const t = Date.parse(v); // RFC 2822 (RSS pubDate) and the like
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

const optText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (v == null || v.trim() === '' ? null : v.trim()));

const optDate = optText.refine((v) => v === null || toIsoDate(v) !== null, { message: 'not a date (use ISO 8601, e.g. 2023-09-18 or 2023-09-18T10:30:00+03:00)' }).transform((v) => toIsoDate(v));

export const SidecarSchema = z.object({
  id: z.union([z.string(), z.number()]).optional().transform((v) => (v == null ? null : String(v))),
  source: optText,
  url: optText,
  published_at: optDate,
  title: optText,
  lang: optText,
});
export type Sidecar = z.output<typeof SidecarSchema>;

export const JsonlLineSchema = z
  .object({
    id: z.union([z.string(), z.number()]).nullable().optional(),
    url: optText,
    source: optText,
    published_at: optDate,
    /** the public streams call it `published`; accepted as an alias */
    published: optDate,
    title: optText,
    lang: optText,
    text: z.string().nullable().optional(),
    html: z.string().nullable().optional(),
  })
  .refine((o) => (o.text ?? '').trim() !== '' || (o.html ?? '').trim() !== '', { message: 'needs a non-empty "text" or "html" field' });
export type JsonlLine = z.output<typeof JsonlLineSchema>;

/** One readable line out of a zod error: `published_at: not a date …`. */
export function zodReason(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
