/**
 * Line classification: hard lexical/markup cues decide first; the learned scorer decides
 * body vs non-body for the rest; then a non-body line gets its class from cues and position.
 */
import type { LineClass, RemovedClass } from '../model.ts';
import { FEATURES, type LineSignals } from './features.ts';
import { WEIGHTS, THRESHOLD } from './weights.ts';
import { AGENCY, DATE } from './lexicon.ts';
import { countWords } from './lines.ts';

export interface LineDecision {
  n: number;
  /** null for an empty line */
  cls: LineClass | null;
  /** P(non-body) from the scorer (1 or 0 when a hard cue decided) */
  score: number;
  /** why: the hard cue or the deciding rule */
  reason: string;
}

export interface Scorer {
  weights: Record<string, number>;
  threshold: number;
}

export const defaultScorer: Scorer = { weights: WEIGHTS, threshold: THRESHOLD };

export function scoreLine(s: LineSignals, scorer: Scorer = defaultScorer): number {
  let z = 0;
  for (const k of FEATURES) z += (scorer.weights[k] ?? 0) * s.f[k];
  return 1 / (1 + Math.exp(-z));
}

const SEG_SPLIT = /\s*(?:--+|[-–—|/]+|:)\s*/;

/** "موسكو - حسن عمارة", "عين اليوم – متابعات", "الرياض:" — a standalone byline/dateline line. */
export function bylineLineKind(s: LineSignals): 'byline' | 'dateline' | null {
  const norm = s.line.norm;
  if (s.line.words === 0 || s.line.words > 8 || s.f.terminal) return null;
  if (/[،,]/.test(norm) && !/\(/.test(norm)) return null;
  const segs = norm.split(SEG_SPLIT).filter((x) => x.trim().length > 0);
  const colonEnd = /:\s*$/.test(norm);
  if (segs.length < 2 && !(colonEnd && s.line.words <= 3)) return null;
  if (segs.some((x) => countWords(x) > 4)) return null;
  if (DATE.test(norm)) return 'dateline';
  if (/(متابعات|وكالات)/.test(norm)) return 'byline';
  const plain = segs.filter((x) => !AGENCY.test(x));
  if (plain.length >= 2 || plain.some((x) => countWords(x) >= 2)) return 'byline';
  return 'dateline';
}

export function classifyLines(sig: LineSignals[], scorer: Scorer = defaultScorer): LineDecision[] {
  const nonEmpty = sig.map((s, i) => (s.empty ? -1 : i)).filter((i) => i >= 0);
  const rank = new Map(nonEmpty.map((i, k) => [i, k]));
  const total = nonEmpty.length;
  const hasGivenTitle = sig.some((s) => s.hard.title);
  const out: LineDecision[] = sig.map((s, i) => {
    if (s.empty) return { n: s.line.n, cls: null, score: 0, reason: 'empty' };
    const k = rank.get(i)!;
    const edge = k < 3 || k >= total - 3;
    const h = s.hard;
    const hard = (cls: RemovedClass, reason: string): LineDecision => ({ n: s.line.n, cls, score: 1, reason });
    if (h.markupOnly) return hard('markup', 'markup only');
    if (h.comment) return hard('comment_prompt', 'comment-form words');
    if (h.relatedMarker) return hard('related', 'related-articles marker');
    if (h.relatedPrefix) return hard('related', 'read-also prefix');
    if (h.cta) return hard('cta', 'call-to-action words');
    if (h.other) return hard('other', 'separator/timestamp/tags/permalink');
    if (h.title) return hard('title', 'matches the title');
    if (h.credit && (s.line.words <= 12 || k >= total - 2 || k === 0)) return hard('credit', 'credit words');
    const bl = edge ? bylineLineKind(s) : null;
    if (bl && (s.f.topZone || s.f.bottomZone)) return hard(bl, 'place/name segments');
    // a place-and-date line above the body ("الدمام 14 رجب 1445 هـ الموافق …")
    if (s.f.dateOnly && s.f.topZone && k <= 2) return hard('dateline', 'place/date line above the body');
    // a short question between paragraphs ("ماذا بعد؟") heads the next section
    if (s.f.question && s.line.words <= 6 && !s.f.startsConj && !s.f.topZone && !s.f.bottomZone && s.f.nextSentence) {
      return hard('subheading', 'short question between paragraphs');
    }
    // headline-shaped lines above the first sentence are the title block when no title was given
    if (!hasGivenTitle && s.f.topZone && s.headlineShape && s.line.words >= 2 && !s.f.runOf3 && !s.f.dateOnly && !s.f.bylineCue && k <= 3) {
      return { n: s.line.n, cls: 'title', score: 1, reason: 'scorer' };
    }
    if (s.truncTail) return { n: s.line.n, cls: 'related', score: 1, reason: 'cut-off teaser snippets at the end' };
    const p = scoreLine(s, scorer);
    if (p <= scorer.threshold) return { n: s.line.n, cls: 'body', score: p, reason: 'scorer' };
    return { n: s.line.n, cls: nonBodyClass(s), score: p, reason: 'scorer' };
  });
  assignTop(sig, out);
  continueCta(sig, out);
  return out;
}

/**
 * A call to action often runs over the next short lines ("… أرسل رسالة SMS" / "تبدأ بالرمز … إلى" /
 * "88591 - Stc"): non-sentence lines of ≤ 12 words right after a CTA line (no blank line between),
 * already judged non-body or lying below the last body sentence, belong to it.
 */
function continueCta(sig: LineSignals[], out: LineDecision[]): void {
  let inCta = false;
  for (let i = 0; i < out.length; i++) {
    const d = out[i]!;
    const s = sig[i]!;
    if (d.cls === null) {
      inCta = false; // a blank line closes the block (what follows is a new block: related list, body)
      continue;
    }
    if (d.cls === 'cta') {
      inCta = true;
      continue;
    }
    if (!inCta) continue;
    const soft = d.reason === 'scorer' || d.reason === 'place/name segments';
    if (soft && !s.sentence && s.line.words <= 12 && (d.cls !== 'body' || s.f.bottomZone)) {
      d.cls = 'cta';
      d.reason = 'continues a call to action';
    } else inCta = false;
  }
}

function nonBodyClass(s: LineSignals): RemovedClass {
  const f = s.f;
  if (f.afterMarker) return 'related';
  if (f.bylineCue) return 'byline';
  if (f.captionCue) return 'caption';
  if (f.dateOnly) return 'dateline';
  if (f.creditCue || (f.agencyShort && f.bottomZone)) return 'credit';
  if (f.topZone) return 'title'; // refined by assignTop
  if (f.bottomZone && /^\([^()]+\)$/.test(s.line.norm) && s.line.words <= 4) return 'credit'; // "(المشرق)" at the end
  if (f.bottomZone && /^\*/.test(s.line.norm) && s.line.words <= 8) return 'byline'; // author footnote
  if (f.bottomZone) return s.line.words >= 4 && !f.latin ? 'related' : 'other';
  if (f.longHeadline && !f.bullet) return 'related';
  if (f.midHeadline || f.bullet || f.question || s.line.words <= 8) return 'subheading';
  if (f.recur) return 'related';
  return 'other';
}

/** Top zone: the headline nearest the body is the title, a short line above it the kicker. */
function assignTop(sig: LineSignals[], out: LineDecision[]): void {
  // "مقالات مشابهة" then one headline then the body: that headline is the article's own title
  const firstBody = out.findIndex((d) => d.cls === 'body');
  if (!out.some((d) => d.cls === 'title')) {
    const block = out.filter((d, i) => (firstBody < 0 || i < firstBody) && sig[i]!.f.afterMarker && d.cls === 'related');
    if (block.length === 1 && sig[block[0]!.n]!.headlineShape) {
      block[0]!.cls = 'title';
      block[0]!.reason = 'single headline between a related marker and the body';
      return;
    }
  }
  const hasTitle = out.some((d) => d.cls === 'title' && d.reason === 'matches the title');
  const top = out.filter((d, i) => d.cls === 'title' && d.reason === 'scorer' && sig[i]!.f.topZone);
  if (top.length === 0) return;
  if (hasTitle) {
    const titleN = out.find((d) => d.cls === 'title' && d.reason === 'matches the title')!.n;
    for (const d of top) {
      d.cls = d.n < titleN ? 'kicker' : 'other';
      d.reason += d.n < titleN ? ' (above the title)' : ' (below the title)';
    }
    return;
  }
  const last = top[top.length - 1]!;
  last.reason += ' (headline nearest the body)';
  for (const d of top.slice(0, -1)) {
    d.cls = d === top[top.length - 2] ? 'kicker' : 'other';
    d.reason += ' (above the headline)';
  }
}
