/**
 * Attribution: who said what. Finds reporting cues (verbs "قال/أكدت/يقول…", participles
 * "مضيفاً/مشيرةً…", source frames "بحسب/وفق/حسبما ذكرت…"), the speaker noun phrase next to the
 * cue, and the content (the quoted span for direct speech, the reported clause for indirect),
 * then links speakers to entity mentions when given. Pronoun and continuation speakers ("وأضاف
 * أن…", "مضيفاً", "من جهته") take the previous speaker. See docs/design/quotes.md.
 */
import type { EntityMention, Quote, Span } from '../../model.ts';
import { splitSentences, tokenize, type Token } from '../../text/index.ts';
import { findTemporalExpressions } from '../time/extract.ts';
import { findQuoteMarks, type QuoteMarks } from './marks.ts';
import {
  COMPLEMENTIZERS, CONTINUATION_OPENERS, CONTRAST_OPENERS, MASDARS, MASDAR_OBJECT_VERBS, SUBJECT_OPENERS, CUE_PARTICIPLES, OBJECT_PARTICIPLES, CUE_PREPOSITIONS, CUE_VERBS, FRAME_VERBS, NP_STOP, OBJECT_VERBS, RECIPIENT_HEADS, ROLE_HEADS, SOURCE_FRAMES, SOURCE_HEADS, NON_SOURCE_HEADS, COMPLEMENTIZER_ONLY,
} from './lexicon.ts';

export interface QuoteOptions {
  /** entity mentions of the same text (offsets into it), from the entity stage */
  mentions?: EntityMention[];
}

interface Speaker {
  span: Span | null;
  text: string | null;
  entityId: string | null;
}

const MAX_NP_TOKENS = 9;
const MAX_GAP_TOKENS = 30;
const MIN_ORPHAN_WORDS = 5;
/** Words allowed between the speaker and a colon that opens the quote ("وقال X للصحفيين في المطار:"). */
const MAX_COLON_GAP = 8;
/** Present forms of object verbs ("ينفي", "تصف"): objects only after أن. */
const OBJECT_PRESENT = new Set(['ينفي', 'تنفي', 'يصف', 'تصف', 'يتهم', 'تتهم', 'يطالب', 'تطالب', 'يحذر', 'تحذر', 'يكشف', 'تكشف']);
const NEGATIONS = new Set(['لم', 'لا', 'لن', 'ما', 'ولم', 'ولا', 'ولن', 'فلم']);
/** Prepositions before which a cue form is a noun ("عن تعهد الحكومة", "بعد نفي الوزارة"). */
const PREPOSITIONS = new Set(['عن', 'من', 'علي', 'الي', 'في', 'حول', 'بعد', 'قبل', 'ب', 'ل', 'مع', 'دون', 'بشان', 'اثر', 'عقب']);
/** Pronoun-suffixed prepositions right after a verb ("أعرب فيها عن"): not a speaker. */
const PRONOUN_PP = /^(فيه|فيها|فيهم|له|لها|لهم|عنه|عنها|منه|منها|عليه|عليها|خلاله|خلالها|بدوره|بدورها)$/;

/**
 * A verbal noun opening an object: a general list, or the تفعيل shape (تسجيل، توقيع، تمديد).
 * Definite or not; the caller decides where it may stand.
 */
function isMasdar(t: Token | undefined, listedOnly = false): boolean {
  if (!t || t.kind !== 'word') return false;
  const w = t.norm.replace(/ة$/u, 'ه').replace(/^ال/, '');
  if (MASDARS.has(w)) return true;
  // "التقرير"/"تصريح" name a source far more often than an act
  return !listedOnly && !/^(تقرير|تصريح|تعليق|تلفزيون)$/.test(w) && /^ت[^اويى][^اويى]ي[^اويىه]$/u.test(w);
}

/** The token's form with a conjunction و/ف stripped when the rest is a known word. */
function bare(t: Token, known: Set<string>): string | null {
  if (t.kind !== 'word') return null;
  if (known.has(t.norm)) return t.norm;
  const m = /^([وف])(.{2,})$/u.exec(t.norm);
  if (m && known.has(m[2])) return m[2];
  return null;
}

/**
 * "لرويترز", "للصحفيين", "لوكالة…", "لـ«…»", "لمراسلنا": who the words were said to. A لل-word that is not a
 * media/audience noun ("الهيئة العامة للطيران") stays inside the speaker phrase.
 */
function isRecipient(norm: string): boolean {
  if (norm === 'ل' || norm === 'لـ') return true;
  if (!/^ل/.test(norm)) return false;
  return RECIPIENT_HEADS.has(norm.slice(1)) || RECIPIENT_HEADS.has(norm.slice(2)) || RECIPIENT_HEADS.has(`ال${norm.slice(2)}`) || /^لمراسل/.test(norm);
}

const isComma = (t: Token | undefined): boolean => !!t && t.kind === 'punct' && /^[،,]$/.test(t.norm);
const isColon = (t: Token | undefined): boolean => !!t && t.kind === 'punct' && t.norm === ':';
const isQuoteMark = (t: Token | undefined): boolean => !!t && t.kind === 'punct' && /^["“”„«»]$/.test(t.text);
const isStopPunct = (t: Token | undefined): boolean => !!t && t.kind === 'punct' && !isComma(t) && !/^[()\-–ـ]$/.test(t.norm);

export function extractQuotes(text: string, opts: QuoteOptions = {}): Quote[] {
  const tokens = tokenize(text);
  const marks = findQuoteMarks(text);
  const sentences = splitSentences(text);
  const mentions = (opts.mentions ?? []).slice().sort((a, b) => a.start - b.start);
  const dates = findTemporalExpressions(text);
  const inDate = (t: Token): boolean => dates.some((d) => t.start >= d.start && t.end <= d.end);
  const sentenceEnd = (at: number): number => {
    const s = sentences.find((x) => at >= x.start && at < x.end);
    return s ? s.end : text.length;
  };
  const sentenceStart = (at: number): number => {
    const s = sentences.find((x) => at >= x.start && at < x.end);
    return s ? s.start : 0;
  };
  const markAt = (pos: number): QuoteMarks | undefined => marks.find((m) => m.open === pos);
  const mentionAt = (pos: number): EntityMention | undefined => mentions.find((m) => m.start <= pos && pos < m.end);

  const quotes: Quote[] = [];
  let previous: Speaker | null = null;

  /** Speaker noun phrase starting at token index i; returns the span and the index after it. */
  function nounPhrase(i: number, limitPos: number): { span: Span | null; next: number; masdar: boolean } {
    let j = i;
    let start = -1;
    let end = -1;
    let words = 0;
    let masdar = false;
    while (j < tokens.length && tokens[j].start < limitPos) {
      const t = tokens[j];
      const m = mentionAt(t.start);
      // a recipient before the subject ("قال للصحفيين: …", "أكد لـ«المدار» أن"): not the speaker
      if (start < 0 && t.kind === 'word' && isRecipient(t.norm) && !(m && m.start === t.start)) {
        j++;
        const qm = tokens[j] && isQuoteMark(tokens[j]) ? markAt(tokens[j].start) : undefined;
        if (qm && qm.close >= 0) j = tokenAfter(qm.close);
        else if (tokens[j] && mentionAt(tokens[j].start)) {
          const mm = mentionAt(tokens[j].start)!;
          while (j < tokens.length && tokens[j].start < mm.end) j++;
        }
        continue;
      }
      // the subject ends before a verbal noun that opens the object: "نفت الشركة وجود نية…"
      // right after the verb only a listed or indefinite one ("وأعلن السماح…"; "وأضاف التقرير أن" has a subject)
      const definite = /^ال/.test(t.norm);
      if (t.kind === 'word' && !m && (start < 0 ? isMasdar(t, definite) : isMasdar(t) && (/^([وفبل]?ال|لل)/.test(tokens[j - 1]?.norm ?? '') || !!mentionAt(tokens[j - 1]?.start ?? -1)))) {
        masdar = true;
        break;
      }
      if (m && m.type !== 'MISC') {
        if (start < 0) start = m.start;
        end = Math.max(end, m.end);
        while (j < tokens.length && tokens[j].start < m.end) j++;
        words++;
        if (start === m.start && words === 1 && tokens[j] && tokens[j].kind === 'word' && !mentionAt(tokens[j].start)) break;
        continue;
      }
      if (isQuoteMark(t)) {
        // a name written in quotes: «وكالة تاس للأنباء», موقع “KCNA Watch”
        const qm = markAt(t.start);
        const w = qm && qm.close >= 0 ? text.slice(qm.contentStart, qm.contentEnd).split(/\s+/).filter(Boolean).length : 99;
        if (qm && w <= 6) {
          if (start < 0) start = qm.contentStart;
          end = qm.contentEnd;
          j = tokenAfter(qm.close);
          words += w;
          continue;
        }
        break;
      }
      if (t.kind === 'punct') {
        // apposition: "الناطق باسم الرئاسة، دميتري بيسكوف، إن"
        if (isComma(t) && start >= 0) {
          let k = j + 1;
          let n = 0;
          while (k < tokens.length && n < 4 && tokens[k].kind !== 'punct' && !NP_STOP.has(tokens[k].norm) && !inDate(tokens[k])) {
            k++;
            n++;
          }
          if (n > 0 && isComma(tokens[k]) && tokens[k + 1] && COMPLEMENTIZERS.has(tokens[k + 1].norm)) {
            end = tokens[k - 1].end;
            j = k;
            continue;
          }
        }
        if (/^[()]$/.test(t.norm) && start >= 0 && t.norm === '(') {
          // "(بترا)" after an agency name
          const close = tokens.findIndex((x, k) => k > j && x.norm === ')');
          if (close > j && close - j <= 4) {
            end = tokens[close].end;
            j = close + 1;
            continue;
          }
        }
        break;
      }
      // "مصدر في الوزارة", "مسؤول في الشركة": an anonymous source and where it sits
      if (t.norm === 'في' && words === 1 && /^(مصدر|مصادر|مسوول|مسوولون|مسوولين|عضو|اعضاء|مصدرا|موظف|موظفون|عامل|عاملون|عاملين)$/.test(tokenize(text.slice(start, end))[0]?.norm ?? '')) {
        j++;
        continue;
      }
      // "ممثلة المنظمة في لبنان كارين …": a place inside the role phrase, when a name follows it
      if (t.norm === 'في' && start >= 0) {
        const loc = tokens[j + 1] ? mentionAt(tokens[j + 1].start) : undefined;
        if (loc && loc.type === 'LOC') {
          const k = tokens.findIndex((x) => x.start >= loc.end);
          const per = k >= 0 ? mentionAt(tokens[k].start) : undefined;
          if (per && per.type === 'PER') {
            j = k;
            continue;
          }
        }
      }
      if (NP_STOP.has(t.norm) || COMPLEMENTIZERS.has(t.norm) || inDate(t)) break;
      if (CUE_VERBS.has(t.norm) || CUE_PARTICIPLES.has(t.norm)) break;
      // recipient: "لرويترز", "لـ«وكالة»", "للصحفيين"
      if (start >= 0 && isRecipient(t.norm)) break;
      if (/^ب(ال|[^يوا])/.test(t.norm) && !mentionAt(t.start)) break;
      if (words >= MAX_NP_TOKENS) break;
      if (start < 0) start = t.start;
      end = t.end;
      words++;
      j++;
    }
    return { span: start >= 0 ? { start, end } : null, next: j, masdar };
  }

  function speakerOf(span: Span | null): Speaker {
    if (!span) return previous ? { ...previous } : { span: null, text: null, entityId: null };
    const spanText = text.slice(span.start, span.end);
    const inside = mentions.filter((m) => m.start < span.end && m.end > span.start && m.type !== 'MISC');
    const pick = inside.find((m) => m.type === 'PER') ?? inside.find((m) => m.type === 'ORG') ?? inside[0];
    if (pick) return { span, text: spanText, entityId: pick.entityId };
    return { span, text: spanText, entityId: resolveRole(span, spanText) };
  }

  /** A role phrase ("الرئيس الروسي", "الوكالة") not covered by a mention: the entity it stands for. */
  function resolveRole(span: Span, spanText: string): string | null {
    if (mentions.length === 0) return null;
    const key = spanText.replace(/^[وف]/, '').trim();
    // the same role written right before a name elsewhere: "الرئيس الروسي فلاديمير بوتين"
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
      const after = at + key.length;
      const m = mentions.find((x) => x.start >= after && x.start <= after + 2 && (x.type === 'PER' || x.type === 'ORG'));
      if (m) return m.entityId;
    }
    const head = tokenize(key).find((t) => t.kind === 'word');
    if (!head || !ROLE_HEADS.has(head.norm)) return null;
    // head-noun anaphora: "الوكالة" → the last speaker or mention whose text has "وكالة"
    const h = head.norm.replace(/^ال/, '');
    if (previous?.text && previous.entityId && tokenize(previous.text).some((t) => t.norm.replace(/^ال/, '') === h)) return previous.entityId;
    const before = mentions.filter((m) => m.end <= span.start && tokenize(m.text).some((t) => t.norm.replace(/^ال/, '').replace(/^[وبل]/, '') === h));
    return before.length ? before[before.length - 1].entityId : null;
  }

  /** Content after position index j (complementizer, colon or quote mark within the sentence). */
  function contentFrom(j: number, cueStart: number, allowObject: boolean, masdarObject = false): { span: Span; direct: boolean; next: number } | null {
    const limit = sentenceEnd(cueStart);
    let k = j;
    let gap = 0;
    let commaSeen = false;
    let datesSkipped = 0;
    while (k < tokens.length && gap <= MAX_GAP_TOKENS) {
      const t = tokens[k];
      // a time adverb or a parenthesis between the speaker and the object does not count as a gap
      if (gap === 0 && (inDate(t) || /^[()]$/.test(t.norm))) {
        k++;
        continue;
      }
      if (isComma(t)) commaSeen = true;
      // another reporting verb before any content: what follows is its content ("روت X كيف…، وقالت: «…»")
      if (k > j && t.kind === 'word' && bare(t, CUE_VERBS) && !PREPOSITIONS.has(tokens[k - 1]?.norm ?? '')) return null;
      if (inDate(t)) datesSkipped++;
      // "أعلنت الوزارة (في بيان) تسجيل…": a verbal-noun object is what was said
      if (masdarObject && !commaSeen && gap - datesSkipped <= 8 && isMasdar(t) && !PREPOSITIONS.has(tokens[k - 1]?.norm ?? '') && !/^[بل]/.test(t.norm)) {
        const e = clauseEnd(t.start);
        if (e > t.start) return { span: { start: t.start, end: e }, direct: false, next: tokenAfter(e) };
      }
      if (t.start >= limit && !isQuoteMark(t)) return null;
      // a colon far from the cue belongs to something else ("… شارك الخبر: فيسبوك")
      if (isColon(t) && gap > MAX_COLON_GAP) return null;
      if (isColon(t)) {
        let n = k + 1;
        const m = tokens[n] ? markAt(tokens[n].start) : undefined;
        if (m) return { span: { start: m.contentStart, end: m.contentEnd }, direct: true, next: tokenAfter(m.close >= 0 ? m.close : m.contentEnd) };
        if (!tokens[n]) return null;
        const s = tokens[n].start;
        const e = clauseEnd(s);
        n = tokenAfter(e);
        return e > s ? { span: { start: s, end: e }, direct: false, next: n } : null;
      }
      const m = isQuoteMark(t) ? markAt(t.start) : undefined;
      if (m) {
        const words = text.slice(m.contentStart, m.contentEnd).split(/\s+/).filter(Boolean).length;
        const prevTok = tokens[k - 1];
        if (gap === 0 || ((words >= 3) && (isColon(prevTok) || isComma(prevTok) || /^(بقوله|بالقول|قايلا|قوله)$/.test(prevTok?.norm ?? '')))) return { span: { start: m.contentStart, end: m.contentEnd }, direct: true, next: tokenAfter(m.close >= 0 ? m.close : m.contentEnd) };
      }
      if (t.kind === 'word' && (COMPLEMENTIZERS.has(t.norm) || /^(وان|وانه|وانها)$/.test(t.norm))) {
        let s = k + 1;
        // "قوله إن …"
        if (/^قول/.test(t.norm) && tokens[s] && /^(ان|انه|انها)$/.test(tokens[s].norm)) s++;
        if (!tokens[s]) return null;
        const mm = isQuoteMark(tokens[s]) ? markAt(tokens[s].start) : undefined;
        if (mm) {
          const after = tokenAfter(mm.close >= 0 ? mm.close : mm.contentEnd);
          // the quote is the whole clause ("إن «…»"), not a term inside it
          const rest = tokens[after];
          if (!rest || isStopPunct(rest) || isComma(rest) || rest.start >= limit) return { span: { start: mm.contentStart, end: mm.contentEnd }, direct: true, next: after };
        }
        const start = tokens[s].start;
        const e = clauseEnd(start);
        s = tokenAfter(e);
        return e > start ? { span: { start, end: e }, direct: false, next: s } : null;
      }
      if (allowObject && gap === 0 && t.kind === 'word' && (!NP_STOP.has(t.norm) || t.norm === 'ما')) {
        const start = t.start;
        const e = clauseEnd(start);
        return e > start ? { span: { start, end: e }, direct: false, next: tokenAfter(e) } : null;
      }
      if (allowObject && gap === 0 && t.kind === 'word' && CUE_PREPOSITIONS.has(t.norm)) {
        const start = t.start;
        const e = clauseEnd(start);
        return e > start ? { span: { start, end: e }, direct: false, next: tokenAfter(e) } : null;
      }
      if (isStopPunct(t) && !isQuoteMark(t) && t.norm !== '(' && t.norm !== ')') return null;
      k++;
      gap++;
    }
    return null;
  }

  function tokenAfter(pos: number): number {
    const i = tokens.findIndex((t) => t.start >= pos + (text[pos] && /["“”„«»]/.test(text[pos]) ? 1 : 0));
    return i < 0 ? tokens.length : i;
  }

  /** End of a reported clause: the sentence end, or the next participle cue / source frame. */
  function clauseEnd(start: number): number {
    const limit = sentenceEnd(start);
    let end = limit;
    for (let i = tokenAfter(start); i < tokens.length && tokens[i].start < limit; i++) {
      const t = tokens[i];
      if (isComma(t)) {
        const n = tokens[i + 1];
        const n2 = tokens[i + 2];
        const contrast = n && CONTRAST_OPENERS.has(n.norm) && [1, 2, 3, 4].some((d) => { const x = tokens[i + 1 + d]; return !!x && x.start < limit && !!bare(x, CUE_VERBS); });
        const coordinated = n && (bare(n, CUE_VERBS) || contrast || (/^(بينما|فيما|وفيما|حين|وبينما)$/.test(n.norm) && n2 && bare(n2, CUE_VERBS)) || (n.norm === 'في' && n2?.norm === 'حين'));
        if (n && (bare(n, CUE_PARTICIPLES) || frameAt(i + 1) || coordinated)) {
          end = t.start;
          break;
        }
      }
    }
    while (end > start && /[\s.،,؛:]/.test(text[end - 1])) end--;
    return end;
  }

  /** A source frame starting at token i: returns the index after it. */
  function frameAt(i: number): number | null {
    for (const f of SOURCE_FRAMES) {
      let ok = true;
      for (let k = 0; k < f.length; k++) {
        const t = tokens[i + k];
        if (!t) {
          ok = false;
          break;
        }
        const n = k === 0 ? t.norm.replace(/^[وف](?=.{3})/, '') : t.norm;
        // "وفقاً لـ" is written "لـ" or glued "للوكالة"
        if (f[k] === 'ل') {
          if (!(n === 'ل' || /^ل/.test(n))) ok = false;
          else if (n !== 'ل') return i + k; // glued: the source starts inside this token
        } else if (n !== f[k]) ok = false;
        if (!ok) break;
      }
      if (ok) return i + f.length;
    }
    return null;
  }

  const covered: Span[] = [];
  const isCovered = (pos: number): boolean => covered.some((c) => pos >= c.start && pos < c.end);

  const push = (q: Quote): void => {
    quotes.push(q);
    covered.push({ start: q.start, end: q.end });
  };

  /**
   * The subject of the sentence's opening verb ("ورحب محافظ البنك X بالاتفاق، وقال …",
   * "أما X فبنى …، معتبراً"): after an optional "من جهته،"-style opener, a first word that can be a
   * verb (no ال, not a particle) followed by a definite noun phrase or a PER/ORG mention.
   */
  function sentenceSubject(cueIndex: number): Span | null {
    const sStart = sentenceStart(tokens[cueIndex].start);
    let f = tokens.findIndex((x) => x.start >= sStart && x.kind !== 'punct');
    if (f < 0 || f >= cueIndex) return null;
    // a dateline glued to the sentence: "عمّان (وكالة) - رفع البنك …", "الرياض - X: أعلنت …"
    for (let d = f; d < Math.min(f + 7, cueIndex); d++) {
      if (tokens[d].kind === 'punct' && /^[-–:]$/.test(tokens[d].norm)) {
        f = d + 1;
        while (f < cueIndex && tokens[f].kind === 'punct') f++;
        break;
      }
    }
    for (const o of CONTINUATION_OPENERS) {
      if (o.every((w, d) => tokens[f + d]?.norm.replace(/^[وف](?=.{3})/, '') === w) && isComma(tokens[f + o.length])) {
        f += o.length + 1;
        break;
      }
    }
    if (f >= cueIndex) return null;
    const first = tokens[f];
    const w = first.norm.replace(/^[وف](?=.{3})/, '');
    const topic = w === 'اما';
    if (!topic && (first.kind !== 'word' || /^ال/.test(w) || NP_STOP.has(w) || PREPOSITIONS.has(w) || w.length < 3 || mentionAt(first.start) || CUE_VERBS.has(w) || CUE_PARTICIPLES.has(w))) return null;
    const np = nounPhrase(f + 1, tokens[cueIndex].start);
    if (!np.span) return null;
    const head = tokens[f + 1];
    const mention = mentionAt(head.start);
    // definite: "ال…", an idafa "محافظ البنك", or a PER/ORG mention inside
    const idafa = tokens[f + 2] && tokens[f + 2].start < np.span.end && /^ال/.test(tokens[f + 2].norm);
    const named = mentions.some((x) => x.start < np.span!.end && x.end > np.span!.start && (x.type === 'PER' || x.type === 'ORG'));
    if (!/^ال/.test(head.norm) && !idafa && !named && !(topic && mention)) return null;
    return np.span;
  }
  let lastCueSubject: { sentence: number; span: Span } | null = null;
  const quoteInSentence = (pos: number): boolean => quotes.some((q) => q.start >= sentenceStart(pos) && q.start < pos);

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word') continue;
    const verb = bare(t, CUE_VERBS);
    const part = verb ? null : bare(t, CUE_PARTICIPLES);
    if (!verb && !part) continue;
    if (NEGATIONS.has(tokens[i - 1]?.norm ?? '')) continue;
    // after a preposition the form is a verbal noun: "عن تعهد الحكومة", "بعد نفي الوزارة"
    if (verb && t.norm === verb && PREPOSITIONS.has(tokens[i - 1]?.norm ?? '')) continue;
    // a vowelled passive ("يُتوقع أن", "يُذكر أن") has no speaker
    if (verb && /^[وف]?[يت]\u064F/u.test(t.text)) continue;
    // a verb inside someone's reported content is part of what they said
    if (verb && quotes.some((q) => t.start >= q.contentSpan.start && t.start < q.contentSpan.end)) continue;
    const cueOffset = /^[وف]/.test(t.norm) && t.norm.slice(1) === (verb ?? part) ? 1 : 0;
    const cueSpan: Span = { start: t.start + cueOffset, end: t.end };
    let speaker: Speaker;
    let j = i + 1;
    let masdarObject = false;
    if (part) {
      // a participle continues the sentence's subject, or the previous speaker
      // the subject of a reporting verb after the last quote of this sentence ("قبل أن ينفي X ذلك، مؤكداً أن")
      const sq = quotes.filter((q) => q.start >= sentenceStart(t.start) && q.start < t.start).map((q) => q.start);
      const cueSub = lastCueSubject && lastCueSubject.sentence === sentenceStart(t.start) && lastCueSubject.span.start > Math.max(-1, ...sq) ? lastCueSubject.span : null;
      const sub = cueSub ?? (quoteInSentence(t.start) ? null : sentenceSubject(i));
      if (sub) speaker = speakerOf(sub);
      else if (previous) speaker = { ...previous };
      else continue; // no speaker yet (headline fragments)
      // "مشيراً إلى أن", "لافتاً إلى"
      if (tokens[j] && CUE_PREPOSITIONS.has(tokens[j].norm) && tokens[j + 1] && COMPLEMENTIZERS.has(tokens[j + 1].norm)) {
        cueSpan.end = tokens[j].end;
        j++;
      }
    } else {
      if (tokens[j] && PRONOUN_PP.test(tokens[j].norm)) j++;
      let np = nounPhrase(j, sentenceEnd(t.start));
      // present-tense forms with a verbal-noun object are headline style ("الوزارة تعلن تسجيل …")
      masdarObject = !/^[يت]/.test(verb!) && (np.masdar || MASDAR_OBJECT_VERBS.has(verb!));
      // "نقلت وكالة X عن مصدر …": the speaker is the quoted source
      let after = np.next;
      while (tokens[after] && inDate(tokens[after])) after++;
      if (/^نقل/.test(verb!) && tokens[after]?.norm === 'عن') {
        const src = nounPhrase(after + 1, sentenceEnd(t.start));
        if (src.span) np = src;
      }
      // "وكان X (قد) قال", "غير أن X اكتفى", "أما X فقال": subject before the verb
      if (!np.span) {
        const sStart = sentenceStart(t.start);
        let k = i - 1;
        if (tokens[k]?.norm === 'قد') k--;
        let kan = -1;
        let adjacent = false;
        for (let b = k; b >= 0 && tokens[b].start >= sStart && k - b < 14; b--) {
          if (/^(وكان|فكان|كان|وكانت|كانت)$/.test(tokens[b].norm)) {
            kan = b;
            break;
          }
          if (SUBJECT_OPENERS.has(tokens[b].norm) && b < k) {
            kan = b;
            adjacent = true;
            break;
          }
          if (tokens[b].kind === 'punct' && !isComma(tokens[b])) break;
        }
        if (kan >= 0) {
          const sub = nounPhrase(kan + 1, tokens[k].end);
          // after an opener the subject runs up to the verb ("لكن رئيس لجنة الحكام في الاتحاد X أكد")
          const reaches = sub.next > k || (k - sub.next <= 6 && tokens.slice(sub.next, k + 1).every((x) => x.kind !== 'punct'));
          if (sub.span && (!adjacent || reaches)) np = { span: adjacent ? { start: sub.span.start, end: tokens[k].end } : sub.span, next: j, masdar: false };
        }
      }
      // "…المركز الأوروبي لرصد الزلازل، الذي أوضح أن": the antecedent of the relative pronoun
      if (!np.span && /^(الذي|التي|الذين)$/.test(tokens[i - 1]?.norm ?? '')) {
        let e = i - 2;
        if (isComma(tokens[e])) e--;
        let b = e;
        while (b > 0 && e - b < 8 && tokens[b - 1].kind === 'word' && !NP_STOP.has(tokens[b - 1].norm) && !SOURCE_FRAMES.some((f) => f[0] === tokens[b - 1].norm) && !bare(tokens[b - 1], CUE_VERBS)) b--;
        if (b <= e && tokens[b]?.kind === 'word') np = { span: { start: tokens[b].start, end: tokens[e].end }, next: np.next, masdar: false };
      }
      // no subject: the subject of an earlier reporting verb of the same sentence, even one that
      // reported no clause ("روت X لمراسلنا كيف …، وقالت: «…»")
      if (!np.span && lastCueSubject && lastCueSubject.sentence === sentenceStart(t.start)) np = { span: lastCueSubject.span, next: np.next, masdar: np.masdar };
      if (np.span && np.span.start > t.start) lastCueSubject = { sentence: sentenceStart(t.start), span: np.span };
      // no subject: the subject of the sentence's opening verb ("ورحب X بالاتفاق، وقال إن …"),
      // else the previous speaker (speakerOf(null)); with none, the first verb's subject anyway
      if (!np.span && !quoteInSentence(t.start)) {
        const sub = sentenceSubject(i);
        if (sub) np = { span: sub, next: np.next, masdar: np.masdar };
      }
      if (!np.span && !previous) {
        const first = tokens.findIndex((x) => x.start >= sentenceStart(t.start) && x.kind === 'word');
        if (first >= 0 && first < i) {
          const sub = nounPhrase(first + 1, t.start);
          if (sub.span) np = { span: sub.span, next: np.next, masdar: np.masdar };
        }
      }
      speaker = speakerOf(np.span);
      j = np.next;
    }
    // a present form after أن ("قبل أن ينفي X ذلك") narrates like a past one
    const objectVerb = !!verb && (OBJECT_VERBS.has(verb) || (/^[يت]/.test(verb) && /^(ان|لن|لم)$/.test(tokens[i - 1]?.norm ?? '') && OBJECT_PRESENT.has(verb)));
    const content = contentFrom(j, t.start, verb ? objectVerb : OBJECT_PARTICIPLES.has(part!), masdarObject);
    if (!content) continue;
    if (verb && COMPLEMENTIZER_ONLY.has(verb) && !/(?:^|\s)(?:ب?[أا]ن|[إا]ن)[\p{L}]*\s*$/u.test(text.slice(Math.max(0, content.span.start - 12), content.span.start).replace(/["“”«»]\s*$/u, ''))) continue;
    if (content.span.end - content.span.start < 3) continue;
    const spans = [cueSpan, content.span, ...(speaker.span && speaker.span.start > cueSpan.start - 200 && speaker.span.start < content.span.start ? [speaker.span] : [])];
    const start = Math.min(...spans.map((s) => s.start));
    const endQ = Math.max(...spans.map((s) => s.end));
    push({
      start, end: endQ, speakerEntityId: speaker.entityId, speakerText: speaker.text, speaker: speaker.span,
      cue: text.slice(cueSpan.start, cueSpan.end), cueSpan, content: text.slice(content.span.start, content.span.end), contentSpan: content.span, direct: content.direct,
    });
    previous = speaker;
  }

  // source frames not inside an attribution: "…، وفق الكرملين", "…، حسبما ذكرت رويترز", "وبحسب X، فإن …"
  for (let i = 0; i < tokens.length; i++) {
    const after = frameAt(i);
    if (after === null || isCovered(tokens[i].start)) continue;
    const fs = tokens[i].start;
    if (quotes.some((q) => q.contentSpan.end <= fs && /^[\s،,"“”«»]*$/.test(text.slice(q.contentSpan.end, fs)) && sentenceStart(q.contentSpan.start) === sentenceStart(fs))) continue;
    let k = after;
    if (tokens[k] && FRAME_VERBS.has(tokens[k].norm)) k++;
    if (tokens[k]?.norm === 'ما' && FRAME_VERBS.has(tokens[k + 1]?.norm ?? '')) k += 2;
    let np = nounPhrase(k, sentenceEnd(tokens[i].start));
    if (!np.span && tokens[k] && isQuoteMark(tokens[k])) np = nounPhrase(k + 1, sentenceEnd(tokens[i].start));
    if (!np.span) continue;
    {
      // the source must be someone: a PER/ORG mention, or a source-like head ("وكالة", "مصادر")
      const head = tokenize(text.slice(np.span.start, np.span.end)).find((x) => x.kind !== 'punct');
      const h = head ? head.norm : '';
      const hasMention = mentions.some((m) => m.start < np.span!.end && m.end > np.span!.start && (m.type === 'PER' || m.type === 'ORG'));
      if (NON_SOURCE_HEADS.has(h) || NON_SOURCE_HEADS.has(h.replace(/^ال/, ''))) continue;
      if (mentions.length > 0 && !hasMention && !SOURCE_HEADS.has(h) && !SOURCE_HEADS.has(h.replace(/^ال/, ''))) continue;
    }
    const sStart = sentenceStart(tokens[i].start);
    const frameStart = tokens[i].start;
    let content: Span | null = null;
    let direct = false;
    const before = text.slice(sStart, frameStart);
    if (/^[\s\p{P}]*$/u.test(before.replace(/^\s*[وف]?\s*/u, ''))) {
      // frame first: content after the comma that closes the source phrase
      const comma = tokens.findIndex((x, n) => n >= np.next && x.start < sentenceEnd(frameStart) && isComma(x));
      if (comma < 0 || !tokens[comma + 1]) continue;
      let c = comma + 1;
      if (/^(فان|فانه|فانها|ان)$/.test(tokens[c].norm)) c++;
      if (!tokens[c]) continue;
      content = { start: tokens[c].start, end: clauseEnd(tokens[c].start) };
    } else if (isComma(tokens[i - 1]) && isComma(tokens[np.next]) && tokens[np.next + 1] && tokens.slice(0, i - 1).reverse().findIndex((x) => isComma(x) || x.start < sStart || isStopPunct(x)) <= 2) {
      // a frame set off inside a clause: "ويسعى، وفق محللين، إلى تقديم نفسه …" — the rest of the clause
      const c = np.next + 1;
      content = { start: tokens[c].start, end: clauseEnd(tokens[c].start) };
    } else {
      let e = frameStart;
      while (e > sStart && /[\s،,]/.test(text[e - 1])) e--;
      const m = marks.find((x) => x.close >= 0 && x.close === e - 1);
      if (m) {
        content = { start: m.contentStart, end: m.contentEnd };
        direct = true;
      } else {
        let s = sStart;
        while (s < e && /[\s/>]/.test(text[s])) s++;
        content = { start: s, end: e };
      }
    }
    if (!content || content.end - content.start < 8) continue;
    const spk = speakerOf(np.span);
    const cueSpan = { start: frameStart + (/^[وف]/.test(tokens[i].norm) && tokens[i].norm.length > 3 ? 1 : 0), end: tokens[Math.max(i, k - 1)].end };
    const start = Math.min(content.start, cueSpan.start);
    const end = Math.max(content.end, np.span.end);
    push({
      start, end, speakerEntityId: spk.entityId, speakerText: spk.text, speaker: np.span, cue: text.slice(cueSpan.start, cueSpan.end), cueSpan,
      content: text.slice(content.start, content.end), contentSpan: content, direct,
    });
  }

  // orphan direct quotes right after an attribution continue the same speaker
  const sorted = quotes.slice().sort((a, b) => a.start - b.start);
  for (const m of marks) {
    if (isCovered(m.contentStart)) continue;
    const words = text.slice(m.contentStart, m.contentEnd).split(/\s+/).filter(Boolean).length;
    if (words < MIN_ORPHAN_WORDS) continue;
    const prev = [...sorted].reverse().find((q) => q.end <= m.open);
    if (!prev || !prev.direct) continue;
    const between = text.slice(prev.end, m.open);
    if (!/^[\s.،,"“”«»]*$/.test(between)) continue;
    push({
      start: m.contentStart, end: m.contentEnd, speakerEntityId: prev.speakerEntityId, speakerText: prev.speakerText, speaker: prev.speaker, cue: prev.cue,
      cueSpan: null, content: text.slice(m.contentStart, m.contentEnd), contentSpan: { start: m.contentStart, end: m.contentEnd }, direct: true,
    });
  }
  return quotes.sort((a, b) => a.start - b.start);
}
