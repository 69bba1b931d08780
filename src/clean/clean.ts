/**
 * cleanArticle: classify every line of a scraped article, keep body paragraphs and every
 * removed span with its class and offsets. Nothing is deleted: offsets index `result.text`
 * (the raw text itself for plain-text input; the extracted text for HTML).
 */
import type { CleanResult, BodyParagraph, RemovedSpan, Byline, LineClass } from '../model.ts';
import { splitLines, type Line } from './lines.ts';
import { computeSignals, type LineSignals, type Feature } from './features.ts';
import { classifyLines, defaultScorer, type LineDecision, type Scorer } from './classify.ts';
import { findGluedPrefix, type GluedPrefix } from './prefix.ts';
import { extractHtml, type ExtractedPage } from './html.ts';
import type { BoilerplateModel } from './boilerplate.ts';

export interface CleanInput {
  raw: string;
  rawKind: 'text' | 'html';
  source: string | null;
  title?: string | null;
  /** for HTML: the page already extracted from `raw` (e.g. for the boilerplate model), to skip a second parse */
  page?: ExtractedPage;
}

export interface LineExplanation {
  n: number;
  text: string;
  class: LineClass | null;
  /** P(non-body) from the scorer; 1 when a hard cue decided */
  score: number;
  reason: string;
  /** articles of the same source that contain this line (boilerplate model) */
  recurrence: number;
  /** HTML block tag of the line, when the input was HTML */
  tag: string | null;
  /** non-zero features */
  features: Partial<Record<Feature, number>>;
  /** a dateline/byline glued to the line's start, when split off */
  prefix: { text: string; kind: GluedPrefix['kind'] } | null;
  markupPrefix: string | null;
}

interface Analysis {
  text: string;
  textIsRaw: boolean;
  lines: Line[];
  signals: LineSignals[];
  decisions: LineDecision[];
  prefix: { n: number; p: GluedPrefix } | null;
  tags: (string | null)[];
  title: string | null;
  meta: CleanResult['meta'];
}

export interface CleanOptions {
  /** override the scorer (training and evals) */
  scorer?: Scorer;
}

function analyse(input: CleanInput, model?: BoilerplateModel, opts: CleanOptions = {}): Analysis {
  let text = input.raw;
  let textIsRaw = true;
  let tags: (string | null)[] = [];
  let meta: CleanResult['meta'] = {};
  let title = input.title ?? null;
  if (input.rawKind === 'html') {
    const page = input.page ?? extractHtml(input.raw);
    text = page.text;
    textIsRaw = false;
    tags = page.tags;
    meta = page.meta;
    title ??= page.title;
  }
  const lines = splitLines(text);
  const selfCounted = model ? model.hasLines(input.source, lines) : false;
  const signals = computeSignals(lines, { title, source: input.source, model, selfCounted });
  const decisions = classifyLines(signals, opts.scorer ?? defaultScorer);
  if (tags.length) applyTagHints(signals, decisions, tags);
  const prefix = gluedPrefix(lines, decisions);
  return { text, textIsRaw, lines, signals, decisions, prefix, tags, title, meta };
}

/** HTML structure is evidence too: headings inside the body are subheadings, figcaptions captions. */
function applyTagHints(sig: LineSignals[], dec: LineDecision[], tags: (string | null)[]): void {
  for (let i = 0; i < dec.length; i++) {
    const d = dec[i]!;
    const tag = tags[i];
    if (!tag || d.cls === null) continue;
    const s = sig[i]!;
    if (tag === 'figcaption' || tag === 'caption') {
      d.cls = 'caption';
      d.reason = `<${tag}>`;
    } else if (/^h[1-6]$/.test(tag) && d.cls === 'body' && !s.sentence) {
      d.cls = s.f.topZone ? 'title' : s.f.bottomZone ? 'related' : 'subheading';
      d.reason = `<${tag}> heading`;
    }
  }
}

function gluedPrefix(lines: Line[], dec: LineDecision[]): { n: number; p: GluedPrefix } | null {
  const first = dec.findIndex((d) => d.cls === 'body');
  if (first < 0) return null;
  const line = lines[first]!;
  const p = findGluedPrefix(line.text);
  return p ? { n: first, p } : null;
}

export function cleanArticle(input: CleanInput, model?: BoilerplateModel, opts: CleanOptions = {}): CleanResult {
  const a = analyse(input, model, opts);
  const paragraphs: BodyParagraph[] = [];
  const removed: RemovedSpan[] = [];
  const span = (cls: RemovedSpan['class'], start: number, end: number): void => {
    if (end > start) removed.push({ class: cls, start, end, text: a.text.slice(start, end) });
  };
  let title: string | null = a.title;
  let kicker: string | null = null;
  let author: string | null = null;
  let dateline: string | null = null;
  for (let i = 0; i < a.lines.length; i++) {
    const line = a.lines[i]!;
    const d = a.decisions[i]!;
    if (line.markupPrefix > 0 && d.cls !== 'markup') span('markup', line.contentStart - line.markupPrefix, line.contentStart);
    if (d.cls === null) continue;
    if (d.cls === 'markup') {
      span('markup', line.start + leadingWs(line), Math.max(line.contentEnd, line.contentStart));
      continue;
    }
    if (d.cls === 'body') {
      let start = line.contentStart;
      if (a.prefix && a.prefix.n === i) {
        const p = a.prefix.p;
        const pEnd = start + p.text.length;
        span(p.kind === 'byline' ? 'byline' : 'dateline', start, pEnd);
        start += p.length;
        author ??= p.author;
        dateline ??= p.kind === 'byline' ? null : p.place;
      }
      if (line.contentEnd > start) paragraphs.push({ start, end: line.contentEnd, text: a.text.slice(start, line.contentEnd) });
      continue;
    }
    span(d.cls, line.contentStart, line.contentEnd);
    if (d.cls === 'title' && !title) title = line.text;
    if (d.cls === 'kicker' && !kicker) kicker = line.text;
    if (d.cls === 'byline' && !author) {
      const b = parseBylineLine(line.text);
      author = b.author;
      dateline ??= b.place;
    }
    if (d.cls === 'dateline' && !dateline) dateline = line.text;
  }
  removed.sort((x, y) => x.start - y.start);
  if (!author && a.meta.author) author = a.meta.author;
  const byline: Byline | null = author || dateline ? { author, dateline } : null;
  return { title, kicker, byline, paragraphs, removed, text: a.text, textIsRaw: a.textIsRaw, meta: a.meta };
}

const CUE = /^[\s*•\-–—]*(بقلم|كتب|كتبت|كتبه|إعداد|اعداد|تقرير|حوار|متابعة|ترجمة|مراسل|مراسلة)?\s*[:\-–—]?\s*/;

/** "كتب - فيصل العمري" → author; "موسكو - حسن عمارة" → place + author. */
export function parseBylineLine(text: string): { author: string | null; place: string | null } {
  const rest = text.replace(CUE, '').trim();
  const segs = rest.split(/\s*(?:--+|[-–—|]+)\s*/).filter(Boolean);
  if (segs.length >= 2) {
    const one = segs.findIndex((x) => x.split(/\s+/).length === 1);
    if (one >= 0) return { place: segs[one]!, author: segs.filter((_, i) => i !== one).join(' - ') || null };
  }
  return { author: rest || null, place: null };
}

function leadingWs(line: Line): number {
  return line.contentStart - line.markupPrefix - line.start;
}

/** Per-line signals, scores and classes: what `marsad clean --explain` prints. */
export function explainLines(input: CleanInput, model?: BoilerplateModel, opts: CleanOptions = {}): LineExplanation[] {
  const a = analyse(input, model, opts);
  return a.lines.map((line, i) => {
    const s = a.signals[i]!;
    const d = a.decisions[i]!;
    const features: Partial<Record<Feature, number>> = {};
    for (const [k, v] of Object.entries(s.f)) if (v !== 0 && k !== 'bias') features[k as Feature] = Math.round(v * 100) / 100;
    const pre = a.prefix && a.prefix.n === i ? { text: a.prefix.p.text, kind: a.prefix.p.kind } : null;
    return {
      n: line.n,
      text: line.text,
      class: d.cls,
      score: Math.round(d.score * 1000) / 1000,
      reason: d.reason,
      recurrence: s.recurrence,
      tag: a.tags[i] ?? null,
      features,
      prefix: pre,
      markupPrefix: line.markupPrefix > 0 ? a.text.slice(line.contentStart - line.markupPrefix, line.contentStart) : null,
    };
  });
}

/** Line classes only (evals and training): one entry per line of `text.split("\n")`. */
export function classifyText(input: CleanInput, model?: BoilerplateModel, opts: CleanOptions = {}) {
  const a = analyse(input, model, opts);
  return { classes: a.decisions.map((d) => d.cls), signals: a.signals, prefix: a.prefix ? { n: a.prefix.n, text: a.prefix.p.text, kind: a.prefix.p.kind } : null, text: a.text };
}
