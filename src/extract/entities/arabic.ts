/**
 * Small Arabic helpers the entity stage needs: matching keys for names, proclitic splitting,
 * and a fallback tokenizer with offsets (used until src/text exports `wordTokens`).
 */
import * as text from '../../text/index.ts';

const { normalize } = text;

/** Normalised form used for features and matching (toolkit normalize + ة→ه at word end, lowercase Latin). */
export function normWord(w: string): string {
  let n = normCache.get(w);
  if (n === undefined) {
    n = normalize(w).replace(/ة$/u, 'ه').toLowerCase();
    if (normCache.size > 200_000) normCache.clear();
    normCache.set(w, n);
  }
  return n;
}
/** words repeat a lot in news: normalising each distinct word once is most of the tagger's speed */
const normCache = new Map<string, string>();

/**
 * Proclitic split on a normalised word: optional و/ف, optional ب/ل/ك, optional ال (لل = ل+ال).
 * Keeps at least 2 letters of base so short words (ولد، بل) are not eaten.
 */
export function splitProclitics(w: string): { proclitics: string; base: string } {
  let p = '';
  let b = w;
  if (/^[وف]/u.test(b) && b.length > 3) {
    p += b[0];
    b = b.slice(1);
  }
  if (/^لل/u.test(b) && b.length > 4) {
    p += 'لل';
    b = 'ال' + b.slice(2);
  } else if (/^[بلك]ال/u.test(b) && b.length > 4) {
    p += b[0];
    b = b.slice(1);
  }
  if (/^ال/u.test(b) && b.length > 4) {
    p += 'ال';
    b = b.slice(2);
  }
  return { proclitics: p, base: b };
}

/** The key two spellings of one word share: normalised, proclitics and ال stripped. */
export function matchKey(w: string): string {
  return splitProclitics(normWord(w)).base;
}

export interface Tok {
  text: string;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'latin' | 'punct';
}

const TOKEN_RE = /[\p{L}\p{M}\u0640]+(?:[-'’][\p{L}\p{M}]+)*|\p{Nd}+(?:[.,٫٬]\p{Nd}+)*|[^\s\p{L}\p{M}\p{Nd}]/gu;

function kindOf(t: string): Tok['kind'] {
  if (/^\p{Nd}/u.test(t)) return 'number';
  if (/^[A-Za-z\u00C0-\u024F]/.test(t)) return 'latin';
  if (/^[\p{L}\p{M}]/u.test(t)) return 'word';
  return 'punct';
}

function localTokenize(raw: string): Tok[] {
  const out: Tok[] = [];
  for (const m of raw.matchAll(TOKEN_RE)) out.push({ text: m[0], start: m.index!, end: m.index! + m[0].length, kind: kindOf(m[0]) });
  return out;
}

type ToolkitTokenize = (raw: string) => Tok[];
const toolkitTokenize = (text as Record<string, unknown>).tokenize as ToolkitTokenize | undefined;

/** All tokens (words, numbers, Latin, punctuation) with offsets into `raw`. */
export function tokenizeForTagging(raw: string): Tok[] {
  if (typeof toolkitTokenize === 'function') {
    return toolkitTokenize(raw).map((t) => ({ text: t.text, start: t.start, end: t.end, kind: t.kind }));
  }
  return localTokenize(raw);
}
