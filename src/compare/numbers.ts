/**
 * Quantities in a sentence: value (digits, Arabic number words, scale words, "31 ألفاً و400"),
 * the unit or counted noun that follows, how exact it is (نحو / أكثر من / على الأقل), and the
 * period it is about when one is named next to it (a month: "15.3 بالمئة في فبراير").
 */
import type { Token } from '../text/index.ts';
import { matchForm, stem } from '../text/index.ts';
import { CHANGE_WORDS, DEATH_CUES, DELTA_CUES, INJURY_CUES, LEVEL_CUES, PRIOR_CUES, UNIT_CLASSES, HIJRI_MONTHS, APPROX_BEFORE, MAX_BEFORE, MIN_BEFORE, MONTHS, NUMBER_WORDS, PERCENT_WORDS, SCALE, STOP, UPDATE_CUES } from './lexicon.ts';

export type Exactness = 'exact' | 'approx' | 'min' | 'max';
/**
 * What the number is in its clause: the size of a change ("رفع الفائدة 200 نقطة", "بواقع"), an
 * earlier or compared value ("من 212 إلى 261", "مقابل 13.6"), a level reached ("إلى 29.25"), or plain.
 */
export type NumberRole = 'delta' | 'prior' | 'to' | 'level' | 'plain';

export interface NumberMention {
  value: number;
  /** what is counted: a class for common counted nouns ('dead', 'injured', 'cases', 'spectators'…),
   *  '%' for percentages, 'bp' for basis points, 'pp' for percentage points, else the noun's stem;
   *  '' when none could be read */
  unit: string;
  role: NumberRole;
  exactness: Exactness;
  /** month named next to the number (1–12), or null */
  period: number | null;
  /** token range [from, to) */
  from: number;
  to: number;
  /** a count that is being updated ("ارتفعت الحصيلة إلى …") */
  update: boolean;
  text: string;
}

const key = (t: Token | undefined): string => (t ? matchForm(t.text) : '');
const isBreak = (t: Token | undefined): boolean => !t || (t.kind === 'punct' && /[،,.؛;:!؟?()«»"“”]/.test(t.text));

/** a token's own numeric value: digits, or a number word */
function tokenValue(t: Token | undefined): number | null {
  if (!t) return null;
  if (t.kind === 'number') {
    if (!/^\d+(\.\d+)?$/.test(t.norm)) return null;
    return Number(t.norm);
  }
  if (t.kind === 'word') {
    const k = matchForm(t.text);
    if (NUMBER_WORDS[k] !== undefined) return NUMBER_WORDS[k]!;
  }
  return null;
}

/** Reads the quantities of a sentence. `skip` marks tokens already read as dates. */
export function readNumbers(tokens: Token[], skip: Set<number> = new Set()): NumberMention[] {
  const out: NumberMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (skip.has(i)) continue;
    let v = tokenValue(tokens[i]);
    if (v === null) continue;
    const from = i;
    let j = i + 1;
    // "عشر" after a unit word: خمسة عشر
    if (tokens[i]!.kind === 'word' && key(tokens[j]) === 'عشر' && v < 10) { v += 10; j++; }
    // "خمس وعشرون": unit + و + tens
    if (tokens[i]!.kind === 'word' && v < 10 && tokens[j]?.text.startsWith('و')) {
      const tens = NUMBER_WORDS[matchForm(tokens[j]!.text)];
      if (tens !== undefined && tens >= 20 && tens < 100) { v += tens; j++; }
    }
    // scale: 8 آلاف, 1.5 مليار, 31 ألفاً و400
    const sc = SCALE[key(tokens[j])];
    if (sc !== undefined) {
      v *= sc;
      j++;
      const next = tokens[j];
      if (next && next.kind === 'word' && next.text === 'و' && tokenValue(tokens[j + 1]) !== null && tokenValue(tokens[j + 1])! < sc) {
        v += tokenValue(tokens[j + 1])!;
        j += 2;
      } else if (next && /^و\d/.test(next.text)) {
        v += Number(next.text.slice(1));
        j++;
      }
    }
    // a bare year or a time is not a quantity
    const prev = key(tokens[from - 1]);
    if (Number.isInteger(v) && v > 1900 && v < 2200 && sc === undefined) continue;
    if (MONTHS[prev] !== undefined) continue;
    if (HIJRI_MONTHS.has(key(tokens[j])) || tokens[j]?.text === 'هـ') continue;
    // unit: the next content word ("قتيلاً", "نقطة أساس", "%", "بالمئة", "في المئة", "دولار")
    let unit = '';
    let u = j;
    if (tokens[u]?.text === '%') { unit = '%'; u++; }
    else if (PERCENT_WORDS.has(key(tokens[u]))) { unit = '%'; u++; }
    else if (key(tokens[u]) === 'في' && PERCENT_WORDS.has(key(tokens[u + 1]))) { unit = '%'; u += 2; }
    else if (tokens[u]?.kind === 'word' && !STOP.has(key(tokens[u])) && tokenValue(tokens[u]) === null && MONTHS[key(tokens[u])] === undefined) {
      unit = unitOf(tokens, u, from);
      u += unit === 'bp' || unit === 'pp' || (/^حال(ه|ات)$/.test(key(tokens[u])) && UNIT_CLASSES[key(tokens[u + 1])]) ? 2 : 1;
    }
    // exactness from the two words before, or "على الأقل" after
    let exactness: Exactness = 'exact';
    for (const b of [tokens[from - 1], tokens[from - 2]]) {
      if (isBreak(b)) break;
      const k = key(b);
      if (APPROX_BEFORE.has(k)) exactness = 'approx';
      else if (MIN_BEFORE.has(k)) exactness = 'min';
      else if (MAX_BEFORE.has(k)) exactness = 'max';
      if (exactness !== 'exact') break;
    }
    if (exactness === 'exact' && key(tokens[u]) === 'علي' && /الاقل|الأقل/.test(tokens[u + 1]?.text ?? '')) exactness = 'min';
    if (exactness === 'exact' && /الاقل|الأقل/.test(`${tokens[u]?.text ?? ''}`)) exactness = 'min';
    if (exactness === 'exact' && /^(تقريبا|تقريباً)$/.test(tokens[u]?.text ?? '')) exactness = 'approx';
    // the period: a month within the next four words (stopping at a clause break), else within the three before
    let period: number | null = null;
    for (let k = u; k < Math.min(tokens.length, u + 5); k++) {
      if (isBreak(tokens[k]) || key(tokens[k]) === 'مقابل') break;
      const mo = MONTHS[key(tokens[k])];
      if (mo !== undefined) { period = mo; break; }
    }
    if (period === null)
      for (let k = from - 1; k >= Math.max(0, from - 4); k--) {
        if (isBreak(tokens[k])) break;
        const mo = MONTHS[key(tokens[k])];
        if (mo !== undefined) { period = mo; break; }
      }
    let update = false;
    for (let k = from - 1; k >= Math.max(0, from - 8); k--) if (UPDATE_CUES.has(key(tokens[k]))) update = true;
    let role = roleOf(tokens, from);
    // "من 212 مليون دولار إلى 261 مليون دولار": the second is the end of a range
    if (role === 'level' && out.some((p) => p.role === 'prior' && p.unit === unit && from - p.to <= 2)) role = 'to';
    out.push({ value: v, unit, role, exactness, period, from, to: Math.max(j, u), update, text: tokens.slice(from, Math.max(j, u)).map((t) => t.text).join(' ') });
    i = Math.max(j, u) - 1;
  }
  return out;
}

/** the counted noun at `u` as a slot class (see NumberMention.unit) */
function unitOf(tokens: Token[], u: number, from: number): string {
  const k = key(tokens[u]);
  const next = key(tokens[u + 1]);
  if (k === 'نقطه' && next === 'اساس') return 'bp';
  if (k === 'نقطه' && /^(مئوي|ميوي)/.test(next)) return 'pp';
  if (/^حال(ه|ات)$/.test(k) && UNIT_CLASSES[next]) return UNIT_CLASSES[next]!;
  if (UNIT_CLASSES[k]) return UNIT_CLASSES[k]!;
  // "أشخاص": dead or injured by the verb before the number ("لقي 12 شخصاً حتفهم", "أصيب 30 شخصاً")
  if (/^(شخص|اشخاص|شخصا)$/.test(k)) {
    const around = [...tokens.slice(Math.max(0, from - 6), from), ...tokens.slice(u + 1, u + 4)].map((t) => key(t));
    if (around.some((w) => DEATH_CUES.has(w))) return 'dead';
    if (around.some((w) => INJURY_CUES.has(w))) return 'injured';
  }
  return stem(k);
}

/** the number's role from the words before it in its clause */
function roleOf(tokens: Token[], from: number): NumberRole {
  const p1 = key(tokens[from - 1]), p2 = key(tokens[from - 2]);
  if (DELTA_CUES.has(p1) || DELTA_CUES.has(p2)) return 'delta';
  if (PRIOR_CUES.has(p1) && !(MIN_BEFORE.has(p2) || MAX_BEFORE.has(p2) || APPROX_BEFORE.has(p2))) return 'prior';
  if (LEVEL_CUES.has(p1) || tokens[from - 1]?.text.startsWith('لـ')) return 'level';
  // a change word shortly before, with no "إلى" in between: the size of the change
  for (let k = from - 1; k >= Math.max(0, from - 4); k--) {
    if (isBreak(tokens[k]) || LEVEL_CUES.has(key(tokens[k]))) break;
    if (CHANGE_WORDS.has(key(tokens[k]))) return 'delta';
  }
  return 'plain';
}

/** Are two quantities about the same slot: the same counted thing, role and period? */
export function sameSlot(a: NumberMention, b: NumberMention): boolean {
  if (!a.unit || a.unit !== b.unit) return false;
  if (a.period !== null && b.period !== null && a.period !== b.period) return false;
  // a change is not a level, and an earlier value is not the current one
  const kind = (r: NumberRole): string => (r === 'level' || r === 'plain' ? 'value' : r);
  // the end of a "من X إلى Y" range goes with a range end or a level reached, never a plain figure
  if (a.role === 'to' || b.role === 'to') return a.role !== 'plain' && b.role !== 'plain' && kind(a.role) !== 'delta' && kind(b.role) !== 'delta' && a.role !== 'prior' && b.role !== 'prior';
  return kind(a.role) === kind(b.role);
}

const sigDecimals = (x: number): number => {
  const s = String(x);
  return s.includes('.') ? s.split('.')[1]!.length : 0;
};
/** power of ten an integer is rounded to (300 → 100, 31400 → 100, 45000 → 1000) */
const roundingOf = (x: number): number => {
  if (!Number.isInteger(x) || x === 0) return 10 ** -sigDecimals(x);
  let p = 1;
  while (x % (p * 10) === 0) p *= 10;
  return p;
};
const roundTo = (x: number, step: number): number => Math.round(x / step) * step;
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Can two quantities describe the same value? Equal; within 10% when either is approximate;
 * consistent with a bound ("أكثر من 45 ألفاً" vs 47 ألفاً); or the same number at a coarser
 * precision (1.5 vs 1.48, 15 vs 14.6, 300 vs 312).
 */
export function valuesAgree(a: NumberMention, b: NumberMention): boolean {
  if (close(a.value, b.value)) return true;
  const rel = Math.abs(a.value - b.value) / Math.max(Math.abs(a.value), Math.abs(b.value));
  if ((a.exactness === 'approx' || b.exactness === 'approx') && rel <= 0.1) return true;
  if (a.exactness === 'min' && b.value >= a.value * 0.98) return true;
  if (b.exactness === 'min' && a.value >= b.value * 0.98) return true;
  if (a.exactness === 'max' && b.value <= a.value * 1.02) return true;
  if (b.exactness === 'max' && a.value <= b.value * 1.02) return true;
  // same number written at a coarser precision
  const [coarse, fine] = roundingOf(a.value) >= roundingOf(b.value) ? [a.value, b.value] : [b.value, a.value];
  const step = roundingOf(coarse);
  if (step > roundingOf(fine) && close(roundTo(fine, step), coarse) && rel <= 0.1) return true;
  return false;
}
