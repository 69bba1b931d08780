/**
 * Tagging raw article text: tokenise (offsets into the given text), cut into sentences,
 * decode BIO tags with the model, and turn tag spans into mentions. A mention's leading
 * proclitic (و ف ب ل ك) is left out of the mention when the text or the model shows the bare
 * word is a word of its own (وبوتين → بوتين when بوتين occurs, بالكرملين → الكرملين).
 */
import type { EntityMention, EntityType } from '../../model.ts';
import { matchKey, normWord, splitProclitics, tokenizeForTagging, type Tok } from './arabic.ts';
import { consistentSpans, isNameLike } from './consistency.ts';
import { newSentenceFeats, sentenceFeatures } from './features.ts';
import type { NerModel } from './modelFile.ts';
import { viterbi } from './perceptron.ts';
import { tagsToSpans } from './tags.ts';
import { applyPatterns } from './patterns.ts';

const SENTENCE_END = new Set(['.', '؟', '?', '!', '…', '؛']);
const MAX_SEGMENT = 120;
const scratch = newSentenceFeats();

/** Token index ranges of sentences (split at final punctuation and line breaks). */
export function segments(text: string, toks: readonly Tok[]): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  for (let i = 0; i < toks.length; i++) {
    const lineBreak = i + 1 < toks.length && text.slice(toks[i].end, toks[i + 1].start).includes('\n');
    if (SENTENCE_END.has(toks[i].text) || lineBreak || i + 1 - s >= MAX_SEGMENT || i === toks.length - 1) {
      out.push([s, i + 1]);
      s = i + 1;
    }
  }
  return out;
}

const PROCLITIC = /^(?:[وف]?[بلك]|[وف])/u;

/** How many leading characters of a mention's first word are a proclitic to leave out (0 if none). */
function procliticLength(word: string, standalone: Set<string>): number {
  const norm = normWord(word);
  const m = PROCLITIC.exec(norm);
  if (!m) return 0;
  for (let n = m[0].length; n >= 1; n--) {
    const rest = norm.slice(n);
    if (rest.length < 2) continue;
    // لل: the article's alif is elided (للأمم = ل + الأمم), the raw text has no bare form to point to
    if (norm.slice(n - 1, n + 1) === 'لل') continue;
    if ((rest.startsWith('ال') && rest.length >= 5) || standalone.has(rest)) {
      // map the normalised prefix length back to raw characters (diacritics/tatweel may sit between)
      let seen = 0;
      for (let i = 0; i < word.length; i++) {
        if (normWord(word[i]) !== '') seen++;
        if (seen === n) return i + 1;
      }
    }
  }
  return 0;
}

export interface TagOptions {
  /** apply generic pattern rules after the statistical tagger (default true) */
  patterns?: boolean;
  /** tag untagged repeats of names tagged elsewhere in the text (default true) */
  consistency?: boolean;
}

/** Entity mentions of `text`, offsets into `text`, entityId null (resolution assigns ids). */
export function tagEntities(text: string, model: NerModel, opts: TagOptions = {}): EntityMention[] {
  const toks = tokenizeForTagging(text);
  const standalone = new Set(toks.filter((t) => t.kind !== 'punct').map((t) => normWord(t.text)));
  const spans: { start: number; end: number; type: EntityType }[] = [];
  for (const [a, b] of segments(text, toks)) {
    const words = toks.slice(a, b).map((t) => t.text);
    const tags = viterbi(model.weights, sentenceFeatures(words, model.gazetteer, model.clusters, model.weights.bits, scratch, model.weights));
    for (const sp of tagsToSpans(tags)) spans.push({ start: a + sp.start, end: a + sp.end, type: sp.type });
  }
  let tokenSpans = opts.patterns === false ? spans : applyPatterns(toks, spans, text, (n) => model.clusters?.of(splitProclitics(n).base).fine !== '' );
  // after the pattern rules, so their spans (قاعدة X → LOC) vote too
  if (opts.consistency !== false) {
    const keys = toks.map((t) => (t.kind === 'punct' ? '\u0000' + t.text : matchKey(t.text)));
    tokenSpans = [...tokenSpans, ...consistentSpans(keys, tokenSpans, isNameLike)].sort((x, y) => x.start - y.start);
  }
  const out: EntityMention[] = [];
  for (const sp of tokenSpans) {
    let a = sp.start;
    let b = sp.end;
    while (a < b && toks[a].kind === 'punct') a++;
    while (b > a && toks[b - 1].kind === 'punct') b--;
    if (a >= b) continue;
    let start = toks[a].start + procliticLength(toks[a].text, standalone);
    const end = toks[b - 1].end;
    if (start >= end) start = toks[a].start;
    out.push({ start, end, type: sp.type, text: text.slice(start, end), entityId: null });
  }
  return out;
}
