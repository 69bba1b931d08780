/**
 * Light stemming for retrieval and similarity. `stem()` is the stemmer chosen by the
 * comparison in docs/design/text.md (test/text/stem-gold.tsv): clitic-aware light stemming —
 * the lexicon-checked proclitic split of clitics.ts, then Larkey light10 suffixes with a
 * minimum stem length. `light10()` (Larkey et al. 2007) and `snowballStem()` (snowball-stemmers,
 * Arabic) are exported for the comparison.
 */
import { createRequire } from 'node:module';
import { normalize } from './normalize.ts';
import { splitClitics } from './clitics.ts';

/** light10's own normalisation on top of ours: final ة → ه (Larkey folds it). */
function foldTeh(w: string): string {
  return w.charCodeAt(w.length - 1) === 0x0629 ? w.slice(0, -1) + 'ه' : w;
}

const L10_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const L10_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'];

/** Larkey's light10: و if ≥ 4 letters, then one article prefix, then suffixes, keeping ≥ 2 letters. */
export function light10(word: string): string {
  let w = foldTeh(normalize(word));
  if (w.length >= 4 && w.charCodeAt(0) === 0x0648) w = w.slice(1);
  for (const p of L10_PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= 2) {
      w = w.slice(p.length);
      break;
    }
  }
  for (const s of L10_SUFFIXES) {
    if (w.length - s.length >= 2 && w.endsWith(s)) w = w.slice(0, -s.length);
  }
  return w;
}

// suffixes tried longest first, each kept only while the stem keeps MIN_STEM letters
const SUFFIXES = ['تهما', 'كما', 'هما', 'تها', 'تهم', 'ات', 'ان', 'ون', 'ين', 'ها', 'هم', 'هن', 'نا', 'كم', 'ية', 'يه', 'ه', 'ة', 'ي', 'ا'];
const MIN_STEM = 3;
const stemCache = new Map<string, string>();

/** Light stem (matching form). */
export function stem(word: string): string {
  const hit = stemCache.get(word);
  if (hit !== undefined) return hit;
  let w = splitClitics(word).base;
  // final ة → ه so singular feminine forms and their pronoun-suffixed forms conflate
  w = foldTeh(w);
  // at most two suffix layers: pronoun (ها هم) then number/gender (ات ون ين)
  for (let layer = 0; layer < 2; layer++) {
    let stripped = false;
    for (const s of SUFFIXES) {
      if (w.length - s.length >= MIN_STEM && w.endsWith(s)) {
        w = w.slice(0, -s.length);
        stripped = true;
        break;
      }
    }
    if (!stripped) break;
  }
  if (stemCache.size > 200_000) stemCache.clear();
  stemCache.set(word, w);
  return w;
}

interface SnowballStemmer {
  stem(word: string): string;
}
let snowball: SnowballStemmer | null = null;

/** The Snowball Arabic stemmer (npm snowball-stemmers) on the normalised word. */
export function snowballStem(word: string): string {
  if (snowball === null) {
    const require = createRequire(import.meta.url);
    const factory = require('snowball-stemmers') as { newStemmer(lang: string): SnowballStemmer };
    snowball = factory.newStemmer('arabic');
  }
  return snowball.stem(normalize(word));
}
