/**
 * Where a sentence says something happened, and what the story itself says about how places
 * nest. A place slot is read after في / إلى (after an arrival verb) / ب-: an optional place-type
 * noun ("مدينة", "قاعدة", "إقليم"…) fixes its level, a direction word ("شرق روسيا") makes it a
 * region, entity mentions (LOC) give the name when the entity stage ran, and otherwise the
 * name is the first word after the type noun that is not a nisba adjective or a common noun.
 * Containment ("X التابعة لـY", "X في Y", "X جنوبي Y", "العاصمة الأردنية عمان", capitals) and
 * disjointness ("على بعد 70 كيلومتراً من Y") are learned from the story's own sentences.
 */
import type { EntityMention } from '../model.ts';
import { matchForm, normalize, wordCount, type Token } from '../text/index.ts';
import { CITY_COUNTRY, COUNTRIES, DIRECTIONS, PLACE_TYPES, STOP } from './lexicon.ts';

export interface PlaceSlot {
  /** surface name as written */
  name: string;
  /** matching key of the name */
  key: string;
  /** 0 country, 1 region, 2 city/town, 3 site */
  level: 0 | 1 | 2 | 3;
  from: number;
  to: number;
  /** token index of the preposition */
  at: number;
  /** a place named only as a distance reference ("على بعد … من Y") */
  reference: boolean;
  /** read after an arrival verb ("وصل … إلى مدينة X") */
  arrival?: boolean;
}

const key = (t: Token | undefined): string => (t ? matchForm(t.text) : '');
const isBreak = (t: Token | undefined): boolean => !t || (t.kind === 'punct' && /[،,.؛;:!؟?()«»"“”]/.test(t.text));
const nisba = (t: Token): boolean => /^(ال|لل)\S+(ية|يه|ي)$/.test(normalize(t.text)) && !(matchForm(t.text) in CITY_COUNTRY);
const ARRIVAL = new Set(['وصل', 'وصلت', 'يصل', 'تصل', 'وصوله', 'توجه', 'متوجها', 'وصول'].map((w) => matchForm(w)));
const common = (t: Token): boolean => {
  const k = matchForm(t.text);
  if (k in CITY_COUNTRY || COUNTRIES.has(k)) return false;
  return STOP.has(k) || wordCount(normalize(t.text)) >= 200 || wordCount(k) >= 200;
};

/** plural site nouns: "فنادق X" names the city X, not a site */
const PLURAL_SITES = new Set(['فنادق', 'قاعات', 'مطارات', 'ملاعب', 'مستشفيات', 'مخيمات', 'احياء', 'شوارع', 'ساحات', 'مدارس'].map((w) => matchForm(w)));

/** an arrival verb earlier in the clause ("وصل رئيس الوزراء … اليوم الثلاثاء إلى") */
function arrivalBefore(tokens: Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 10); k--) {
    if (isBreak(tokens[k])) return false;
    if (ARRIVAL.has(key(tokens[k]))) return true;
  }
  return false;
}

/** a word that can start a place name when no entity mention says so */
const nameLike = (t: Token | undefined): boolean => !!t && t.kind === 'word' && !nisba(t) && !common(t) && t.text.length >= 3;

function levelOfKnown(k: string): 0 | 2 | null {
  if (COUNTRIES.has(k)) return 0;
  if (k in CITY_COUNTRY) return 2;
  return null;
}

/** Reads place slots from a sentence's tokens (entity mentions, when given, name the places). */
export function readPlaces(tokens: Token[], mentions: EntityMention[] = []): PlaceSlot[] {
  const out: PlaceSlot[] = [];
  const locAt = (i: number): EntityMention | undefined => {
    const t = tokens[i];
    return t ? mentions.find((m) => (m.type === 'LOC' || m.type === 'ORG') && m.start <= t.start && t.start < m.end) : undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const n = normalize(t.text);
    let j: number;
    let typeLevel: 1 | 2 | 3 | null = null;
    let arrival = false;
    let pluralSite = false;
    if (n === 'في' || n === 'داخل') j = i + 1;
    else if ((n === 'الي' || n === 'الى') && arrivalBefore(tokens, i)) { j = i + 1; arrival = true; }
    // "بأحد فنادق العقبة", "إحدى قاعات …": one of the sites of a city
    else if (/^(باحد|باحدي|احد|احدي)$/.test(n) && PLURAL_SITES.has(key(tokens[i + 1]))) j = i + 1;
    else if (/^ب/.test(n) && PLACE_TYPES[key(t)] !== undefined) { j = i; }
    else continue;
    const start = j;
    let direction = false;
    // "أقصى شرق", "شرق", "جنوبي"
    while (j < tokens.length && j < start + 2 && DIRECTIONS.has(key(tokens[j]))) { direction = true; j++; }
    // place-type nouns ("قاعدة", "مدينة", "العاصمة"), possibly two ("قاعدة مطار")
    if (PLURAL_SITES.has(key(tokens[j]))) { pluralSite = true; typeLevel = 2; j++; }
    while (!pluralSite && j < tokens.length && PLACE_TYPES[key(tokens[j])] !== undefined) {
      const lv = PLACE_TYPES[key(tokens[j])]!;
      typeLevel = typeLevel === null ? lv : (Math.max(typeLevel, lv) as 1 | 2 | 3);
      j++;
    }
    // name: an entity mention, or name-like words (skipping nisba adjectives and common nouns after a type noun)
    let from = -1, to = -1;
    for (let k = j; k < Math.min(tokens.length, j + 4); k++) {
      if (isBreak(tokens[k])) break;
      const m = locAt(k);
      if (m) {
        from = k;
        to = k;
        while (to < tokens.length && tokens[to]!.start < m.end) to++;
        break;
      }
      const kk = key(tokens[k]);
      if (levelOfKnown(kk) !== null || (typeLevel !== null || direction) && nameLike(tokens[k])) {
        from = k;
        // a common word that opens the name right after the type noun ("مدينة بني حسان")
        if (k - 1 >= j && k - 1 === j && !/^ال/.test(normalize(tokens[k - 1]!.text)) && !STOP.has(key(tokens[k - 1])) && tokens[k - 1]!.kind === 'word') from = k - 1;
        to = k + 1;
        // a second name word ("برج رحال", "بيونغ يانغ")
        // (a feminine adjective after the name is not part of it: "العقبة المطلة على …")
        if (levelOfKnown(kk) === null && to < tokens.length && !isBreak(tokens[to]) && nameLike(tokens[to]) && !/^ال\S+[ةه]$/.test(normalize(tokens[to]!.text)) && !nisba(tokens[to]!) && levelOfKnown(key(tokens[to])) === null && !PLACE_TYPES[key(tokens[to])] && !DIRECTIONS.has(key(tokens[to]))) to++;
        break;
      }
      // only skip words that can sit between a type noun and the name
      if (typeLevel === null && !direction) break;
      if (!(nisba(tokens[k]!) || common(tokens[k]!))) break;
    }
    if (from < 0) continue;
    const name = tokens.slice(from, to).map((x) => x.text).join(' ');
    const k0 = tokens.slice(from, to).map((x) => matchForm(x.text)).join(' ');
    const known = levelOfKnown(k0);
    // the name after a plural site noun ("فنادق العقبة") is the city the sites are in
    let level: 0 | 1 | 2 | 3 = pluralSite ? (known ?? 2) : typeLevel ?? known ?? 2;
    if (direction) level = known === 0 || typeLevel === null || typeLevel === 1 ? 1 : level;
    if (direction && level !== 1 && known === 0) level = 1;
    out.push({ name: direction ? tokens.slice(start, to).map((x) => x.text).join(' ') : name, key: direction ? `${tokens.slice(start, from).map((x) => matchForm(x.text)).join(' ')} ${k0}` : k0, level, from, to, at: i, reference: false, arrival });
    i = Math.max(i, to - 1);
  }
  // distance references: "على بعد N كيلومتر من Y" — Y is not where it happened
  for (let i = 0; i < tokens.length; i++) {
    if (normalize(tokens[i]!.text) !== 'بعد' || normalize(tokens[i - 1]?.text ?? '') !== 'علي') continue;
    for (let k = i + 1; k < Math.min(tokens.length, i + 8); k++) {
      if (normalize(tokens[k]!.text) !== 'من') continue;
      let f = k + 1;
      while (f < tokens.length && PLACE_TYPES[key(tokens[f])] !== undefined) f++;
      if (f < tokens.length && (locAt(f) || levelOfKnown(key(tokens[f])) !== null || nameLike(tokens[f]))) {
        const k0 = key(tokens[f]);
        out.push({ name: tokens[f]!.text, key: k0, level: levelOfKnown(k0) ?? 2, from: f, to: f + 1, at: k, reference: true });
      }
      break;
    }
  }
  return out;
}

/** edit distance ≤ 1 per 5 letters: spelling variants of one name (فوستوتشني / فوستوشني) */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const x = a.replace(/\s+/g, ''), y = b.replace(/\s+/g, '');
  if (x.includes(y) || y.includes(x)) return Math.min(x.length, y.length) >= 3;
  const close = (p: string, q: string): boolean => levenshtein(p, q) <= Math.floor(Math.max(p.length, q.length) / 5);
  if (close(x, y)) return true;
  // multi-word names: the same distinctive first word ("فوستوشني كوزمودروم" / "فوستوتشني")
  const [fa, fb] = [a.split(/\s+/)[0]!, b.split(/\s+/)[0]!];
  return (a.includes(' ') || b.includes(' ')) && fa.length >= 5 && fb.length >= 5 && close(fa, fb);
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** What the story says about how its places nest, and which are apart. */
export class PlaceGraph {
  private parents = new Map<string, Set<string>>();
  private apart = new Set<string>();

  addInside(child: string, parent: string): void {
    if (!child || !parent || sameName(child, parent)) return;
    const s = this.parents.get(child) ?? new Set<string>();
    s.add(parent);
    this.parents.set(child, s);
  }

  addApart(a: string, b: string): void {
    this.apart.add(`${a}|${b}`);
    this.apart.add(`${b}|${a}`);
  }

  /** every known container of `k` (transitively, spelling variants merged) */
  ancestors(k: string): Set<string> {
    const seen = new Set<string>();
    const stack = [k];
    while (stack.length) {
      const x = stack.pop()!;
      for (const [child, ps] of this.parents)
        if (sameName(child, x)) for (const p of ps) if (!seen.has(p)) { seen.add(p); stack.push(p); }
      const country = CITY_COUNTRY[x];
      if (country && !seen.has(country)) { seen.add(country); stack.push(country); }
    }
    return seen;
  }

  contains(outer: string, inner: string): boolean {
    for (const a of this.ancestors(inner)) if (sameName(a, outer)) return true;
    return false;
  }

  isApart(a: string, b: string): boolean {
    for (const x of this.apart) {
      const [p, q] = x.split('|') as [string, string];
      if (sameName(p, a) && sameName(q, b)) return true;
    }
    return false;
  }
}

/** Learns containment and distance facts from one sentence's tokens and place slots. */
export function learnPlaces(graph: PlaceGraph, tokens: Token[], slots: PlaceSlot[]): void {
  const bare = (s: PlaceSlot): string => s.key.split(' ').filter((w) => !DIRECTIONS.has(w)).join(' ');
  for (const s of slots) {
    if (s.reference) {
      // the place the sentence is about is apart from the distance reference
      for (const o of slots) if (!o.reference && o.from < s.from) graph.addApart(bare(o), s.key);
      continue;
    }
    // X … في Y / X جنوبي Y / X التابعة لـY: the next slot or name right after
    const after = slots.find((o) => !o.reference && o.at >= s.to && o.at <= s.to + 3);
    if (after && after.level < s.level || after && after.level === 1) graph.addInside(s.key, bare(after));
    const t = tokens[s.to];
    const next = tokens[s.to + 1];
    if (t && next && /^(تابع|واقع)/.test(matchForm(t.text))) graph.addInside(s.key, matchForm(next.text));
    if (t && next && DIRECTIONS.has(matchForm(t.text)) && (COUNTRIES.has(matchForm(next.text)) || nameLike(next))) graph.addInside(s.key, matchForm(next.text));
    // العاصمة الأردنية عمان: a nisba of a country before the name
    const before = tokens[s.from - 1];
    if (before && nisba(before)) {
      const base = matchForm(before.text).replace(/(يه|ي)$/, '');
      for (const c of COUNTRIES) if (c === base || c === base + 'ا') graph.addInside(s.key, c);
    }
  }
}
