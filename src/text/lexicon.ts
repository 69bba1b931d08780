/**
 * The word-frequency lexicon (matching forms → corpus counts), parsed lazily on first use
 * from the generated lexicon-data.ts (see lexicon-build.ts).
 */
import { LEXICON_DATA } from './lexicon-data.ts';

export interface LexiconEntry {
  count: number;
  /** for ا-initial words: share (0..1) of raw occurrences written with أ/إ/آ; else -1 */
  hamzaShare: number;
}

let table: Map<string, LexiconEntry> | null = null;

function load(): Map<string, LexiconEntry> {
  const m = new Map<string, LexiconEntry>();
  let i = 0;
  const data = LEXICON_DATA;
  while (i < data.length) {
    let j = data.indexOf('\n', i);
    if (j < 0) j = data.length;
    const line = data.slice(i, j);
    const a = line.indexOf(' ');
    const b = line.indexOf(' ', a + 1);
    if (a > 0) {
      const word = line.slice(0, a);
      const count = Number(b < 0 ? line.slice(a + 1) : line.slice(a + 1, b));
      const hamzaShare = b < 0 ? -1 : Number(line.slice(b + 1)) / 100;
      m.set(word, { count, hamzaShare });
    }
    i = j + 1;
  }
  return m;
}

/** The lexicon (loaded on first call). */
export function lexicon(): Map<string, LexiconEntry> {
  if (table === null) table = load();
  return table;
}

/** Corpus count of a matching-form word (0 when unseen or rarer than the build threshold). */
export function wordCount(norm: string): number {
  return lexicon().get(norm)?.count ?? 0;
}

/** Share of raw occurrences written with a hamza seat on the initial alef (-1 when unknown). */
export function hamzaShare(norm: string): number {
  return lexicon().get(norm)?.hamzaShare ?? -1;
}

/** True when the lexicon has data (false when it was built without the public streams). */
export function hasLexicon(): boolean {
  return lexicon().size > 0;
}
