/**
 * Stable article ids: sha256 over (source, canonical text) → first 16 hex digits.
 * Canonical text = matching form (`normalize`) of the visible text with BOM removed, line
 * endings unified and every whitespace run collapsed, so the same article re-encoded
 * (UTF-16, Windows-1256, CRLF, trailing spaces) gets the same id. The source is part of the
 * id on purpose: the same wire story published by two outlets is two articles (that is what
 * reuse detection is for). For HTML the visible text is hashed, not the markup, so a page
 * re-served with another <meta charset> or tracking attribute keeps its id.
 */
import { createHash } from 'node:crypto';
import { normalize } from '../text/index.ts';
import { htmlToText } from './html.ts';

export function canonicalText(raw: string, rawKind: 'text' | 'html'): string {
  const visible = rawKind === 'html' ? htmlToText(raw) : raw;
  return normalize(visible.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
    .replace(/[\s\u200B-\u200F\u2028\u2029\uFEFF]+/gu, ' ')
    .trim();
}

export function articleId(source: string | null, raw: string, rawKind: 'text' | 'html'): string {
  return createHash('sha256')
    .update(`${source ?? ''}\u0000${canonicalText(raw, rawKind)}`)
    .digest('hex')
    .slice(0, 16);
}
