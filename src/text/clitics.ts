/**
 * Proclitic splitting for MATCHING: و ف (conjunctions), ب ك ل (prepositions) and ال (article),
 * in that order, e.g. وبالرئيس → وبال + رئيس, للرئيس → لل + رئيس, للبنان → ل + لبنان.
 *
 * Each layer strips its letter only when the evidence says the rest is a word and the whole is
 * not (see docs/design/text.md):
 *  - the rest is long enough (≥ 2 letters) and attested in the corpus lexicon;
 *  - the whole word does not behave like a word of its own: it is rarely seen with clitics of
 *    its own (لبنان has ولبنان، بلبنان; وقال never has ووقال) — "wordness" below;
 *  - the rest is not much rarer than the whole (بين ≠ ب + ين);
 *  - hamza: a written أ/إ/آ right after the letter confirms a split (وإلى); a bare ا where the
 *    rest is nearly always written with hamza (الي = إلى) argues against it (والي, governor);
 *  - a closed list of function words and lexicalised forms is never split (كما، لقد، الذي…).
 * Without a lexicon (built without the streams) only the length and closed-list rules apply.
 */
import { normalizeWithMap } from './normalize.ts';
import { wordCount as rawCount, hamzaShare, hasLexicon } from './lexicon.ts';

/** Corpus count with final ة and ه counted together (writers confuse them). */
function wordCount(w: string): number {
  const last = w.charCodeAt(w.length - 1);
  if (last === 0x0629) return rawCount(w) + rawCount(w.slice(0, -1) + 'ه');
  if (last === 0x0647) return rawCount(w) + rawCount(w.slice(0, -1) + 'ة');
  return rawCount(w);
}

export interface CliticSplit {
  /** surface proclitics in matching form (word = proclitics + base) */
  proclitics: string;
  /** the rest of the word, matching form */
  base: string;
}

const AL = 'ال';

/** Never split (matching forms): function words and words whose first letters only look like clitics. */
const PROTECTED = new Set(
  (
    'الله لله بالله تالله اللهم الذي التي الذين اللذان اللذين اللتان اللتين اللاتي اللواتي اللايي الي الا الان الاول الاولي ' +
    'كما كذلك كذا كي كيف كيما كل كلا كلما كلها كله كلهم كان كانت كانوا كاد كافة كليا ' +
    'لكن لكي لقد لم لن لا لو لولا لدي لذا لذلك لعل ليس ليست ليسوا لماذا لمن لما له لها لهم لهن لهما لنا لي لك لكم لان ' +
    'بل بين بعد بعض بها به بهم بهما بي بك بكم بنا بينما ' +
    'في فيه فيها فيما فيهم فقط فوق فهو فهي ' +
    'وهو وهي وهم ومن وما ولا وان وقد ولم ولن'
  ).split(' '),
);
// the last line (و + function word) is split by the rules anyway; listing them keeps the
// result independent of the lexicon for the most frequent forms
for (const w of 'وهو وهي وهم ومن وما ولا وان وقد ولم ولن'.split(' ')) PROTECTED.delete(w);

const MIN_BASE = 2; // letters left after a proclitic
const MIN_COUNT = 3; // a base must be seen at least this often
const MIN_RATIO = 0.02; // count(base) / count(word) below this: the word is not base + clitic (بين ≠ ب + ين)
const MAX_WORDNESS = 0.1;
const PREP_RATIO = 0.5; // count(rest) / count(word) needed to strip ب ك ل from a bare noun // share of the word's occurrences that carry clitics of their own
const HAMZA_SEAT = 0.7; // rest written with hamza at least this often → bare ا argues against a split

// Clitics that cannot stack in front of the candidate proclitic: seeing them on the whole word
// means it is a word of its own. (و may precede a preposition — ولوزارة — so it is no evidence
// against لوزارة = ل + وزارة.)
const BEFORE_CONJ = ['و', 'ب', 'ل', 'ف', 'ك', 'ال', 'وال', 'بال', 'لل', 'وب', 'ول', 'فال'];
const BEFORE_PREP = ['ب', 'ل', 'ك', 'ال', 'وال', 'بال', 'لل', 'فال'];

function wordness(w: string, before: readonly string[]): number {
  let n = 0;
  for (const q of before) {
    // لل + X is ل + ال + X, not evidence for لX
    if (q.endsWith('ل') && w.charCodeAt(0) === 0x0644) continue;
    n += wordCount(q + w);
  }
  return n;
}

/** How many occurrences of the rest look like a word (the rest itself, or its own article-less form). */
function baseEvidence(rest: string): number {
  let n = wordCount(rest);
  if (rest.startsWith(AL) && rest.length >= 4) n = Math.max(n, wordCount(rest.slice(2)));
  return n;
}

/**
 * Should `letters` (a conjunction or preposition) be stripped from `w` (matching form)?
 * `rawNext` is the raw code unit at the start of the rest (to see a written hamza).
 */
function stripLetter(w: string, k: number, rawNext: number, before: readonly string[]): boolean {
  const rest = w.slice(k);
  const prep = before === BEFORE_PREP;
  if (rest.length < MIN_BASE || PROTECTED.has(w)) return false;
  // after a preposition a two-letter rest is a pronoun or ما/من (listed), not a stem: بات، بقي
  const writtenHamza = rawNext === 0x0623 || rawNext === 0x0625 || rawNext === 0x0622;
  if (prep && rest.length < 3 && rest !== 'ما' && rest !== 'من' && !writtenHamza) return false;
  if (!hasLexicon()) return rest.startsWith(AL) && rest.length >= 4; // conservative without data
  // a word never starts with ؤ or ئ: فؤاد is not ف + واد
  if (rawNext === 0x0624 || rawNext === 0x0626) return false;
  const restCount = baseEvidence(rest);
  if (restCount < MIN_COUNT) return false;
  if (writtenHamza) return true;
  const whole = wordCount(w);
  if (whole < MIN_COUNT) return true; // unseen combination of a known base: وبوتين-type
  if (restCount / whole < MIN_RATIO) return false;
  // a preposition before a bare noun: the noun alone must be about as frequent as the whole
  // (لوزارة ≪ وزارة); prepositions before the article (بالقرب) pass on the article evidence
  if (prep && !rest.startsWith(AL) && restCount / whole < PREP_RATIO) return false;
  const wn = wordness(w, before);
  if (wn / whole >= MAX_WORDNESS) return false;
  if (rawNext === 0x0627 && wn >= 10) {
    // bare alef where the rest is nearly always written with hamza: والي (governor) ≠ و + إلى
    const hs = hamzaShare(rest);
    if (hs >= HAMZA_SEAT) return false;
  }
  return true;
}

/** Should the article be stripped from `w` (which starts with ال)? */
function stripArticle(w: string): boolean {
  const rest = w.slice(2);
  if (rest.length < MIN_BASE || PROTECTED.has(w)) return false;
  if (!hasLexicon()) return rest.length >= 3;
  const whole = wordCount(w);
  if (whole < MIN_COUNT) return true; // rare words: trust the article
  // ال that belongs to the word: إلغاء، آلية، ألمانيا are mostly written with hamza (the article never is)
  if (hamzaShare(w) >= 0.3) return false;
  // a definite form of its own (الالتزام) means the word is indefinite: التزام
  if (wordCount(AL + w) >= Math.max(MIN_COUNT, 0.01 * whole)) return false;
  // verb evidence: a feminine past form (التقت، التزمت) — nouns with the article have none
  const last = w.charCodeAt(w.length - 1);
  const fem = last === 0x064a ? w.slice(0, -1) + 'ت' : w + 'ت';
  if (wordCount(fem) >= Math.max(MIN_COUNT, 0.02 * whole)) return false;
  return true;
}

const cache = new Map<string, CliticSplit>();
const CACHE_MAX = 200_000;

/** Split the proclitics off one word (raw or normalised). Returns matching forms. */
export function splitClitics(word: string): CliticSplit {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const res = computeSplit(word);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, res);
  return res;
}

function computeSplit(word: string): CliticSplit {
  const m = normalizeWithMap(word);
  const w = m.text;
  const rawAt = (k: number): number => (k < m.starts.length ? word.charCodeAt(m.starts[k]) : 0);
  let k = 0;
  // layer 1: conjunction و / ف
  const c0 = w.charCodeAt(0);
  if ((c0 === 0x0648 || c0 === 0x0641) && stripLetter(w, 1, rawAt(1), BEFORE_CONJ)) k = 1;
  // layer 2: preposition ب ك ل (ل + ال is written لل)
  let rest = w.slice(k);
  const c1 = rest.charCodeAt(0);
  let articleElided = false;
  if (c1 === 0x0644 && rest.charCodeAt(1) === 0x0644 && rest.length >= 4) {
    // لل: ل + ال + X (للرئيس) or ل + لX (للبنان). The second needs لX to be a word of its
    // own (two prepositions never stack: للوكالة is not ل + لوكالة); then the more frequent reading wins.
    const viaArticle = wordCount(AL + rest.slice(2));
    const lamWord = rest.slice(1);
    const lamIsWord = !stripLetter(lamWord, 1, rawAt(k + 2), BEFORE_PREP);
    const viaLam = lamIsWord ? wordCount(lamWord) : 0;
    if (!PROTECTED.has(rest) && (viaArticle >= viaLam || !hasLexicon()) && (viaArticle >= MIN_COUNT || !hasLexicon())) {
      k += 2;
      articleElided = true;
    } else if (lamIsWord && stripLetter(rest, 1, rawAt(k + 1), BEFORE_PREP)) k += 1;
  } else if ((c1 === 0x0628 || c1 === 0x0643 || c1 === 0x0644) && stripLetter(rest, 1, rawAt(k + 1), BEFORE_PREP)) {
    k += 1;
  }
  // layer 3: article
  rest = w.slice(k);
  if (articleElided) {
    if (!stripArticle(AL + rest)) {
      // keep the article's lam with the base: ل + لX
      k -= 1;
    }
  } else if (rest.startsWith(AL) && stripArticle(rest)) {
    k += 2;
  }
  return { proclitics: w.slice(0, k), base: w.slice(k) };
}

/**
 * Raw offset (into `word`) where the base starts: lets a stage turn a match on the base of
 * a token back into a raw span (the token's start + this).
 */
export function baseOffset(word: string): number {
  const { proclitics } = splitClitics(word);
  if (proclitics.length === 0) return 0;
  const m = normalizeWithMap(word);
  return proclitics.length < m.starts.length ? m.starts[proclitics.length] : word.length;
}
