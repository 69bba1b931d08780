/**
 * Cross-document entity resolution inside one story: mentions from all its articles become
 * canonical entities. Rules, in order (each merge is recorded with its rule and evidence):
 *  1. same-form        — identical name words after normalisation (clitics, ال, hamza, ة/ه).
 *  2. transliteration  — same consonant skeleton (تش/ش, غ/ج, ك/ق, long vowels, hamza, ة/ه) and
 *                        small edit distance, word by word (a differing modifier word blocks it).
 *  3. permutation      — organisations with the same bag of content words in another order
 *                        ("وكالة الأنباء X" / "الوكالة X للأنباء"); an extra word blocks it unless
 *                        it only refines a nationality (الكورية → الكورية الشمالية).
 *  4. short-name       — a person's shorter name (surname, first name) → the one longer name of
 *                        the story that contains it.
 *  5. role             — "TITLE MODIFIERS NAME" in a story binds the role to that person; the bare
 *                        role elsewhere in the story ("الرئيس الروسي") becomes a mention of them.
 */
import { createHash } from 'node:crypto';
import type { EntityMention, EntityType, StoryEntity } from '../../model.ts';
import { matchKey, normWord, tokenizeForTagging } from './arabic.ts';
import { levenshtein, nameVariants, nameWords, skeleton, wordVariants } from './names.ts';
import { TRIGGERS } from './triggers.ts';

export type MergeRule = 'same-form' | 'transliteration' | 'permutation' | 'short-name' | 'role';

export interface Merge {
  rule: MergeRule;
  /** entity id the two sides ended in */
  entityId: string;
  from: string;
  to: string;
  evidence: string;
}

export interface ResolveOptions {
  /** article texts (the ones the mention offsets index); needed for the role rule */
  texts?: Map<string, string> | Record<string, string>;
}

export interface ResolveResult {
  entities: StoryEntity[];
  /** `${articleId}:${start}:${end}` → entity id (see mentionKey) */
  mentionToEntity: Map<string, string>;
  /** every mention per article with entityId set, including role mentions found by rule 5 */
  mentions: Map<string, EntityMention[]>;
  merges: Merge[];
}

export const mentionKey = (articleId: string, m: { start: number; end: number }): string => `${articleId}:${m.start}:${m.end}`;

interface Form {
  key: string;
  words: string[];
  texts: Map<string, number>;
  votes: Map<EntityType, number>;
  type: EntityType;
  count: number;
}

/** Words that say what kind of organisation it is, not which one. */
const ORG_GENERIC = new Set(['وكاله', 'انباء', 'صحيفه', 'جريده', 'قناه', 'شركه', 'موقع', 'رسميه', 'حكوميه', 'رسمي', 'حكومي']);
const DIRECTIONS = new Set(['شمالي', 'جنوبي', 'شرقي', 'غربي']);
const nisbaKey = (w: string): string => w.replace(/يه$/u, 'ي');

function contentWords(words: string[]): string[] {
  return words.filter((w) => !ORG_GENERIC.has(w)).map(nisbaKey);
}

/** Same content bag in any order; extra words allowed only as a direction refining a nationality. */
function permutationOf(a: string[], b: string[]): string | null {
  const ca = contentWords(a);
  const cb = contentWords(b);
  if (!ca.length || !cb.length) return null;
  const [short, long] = ca.length <= cb.length ? [ca, cb] : [cb, ca];
  const rest = [...long];
  for (const w of short) {
    const k = rest.findIndex((x) => wordVariants(x, w));
    if (k < 0) return null;
    rest.splice(k, 1);
  }
  for (const w of rest) {
    const i = long.indexOf(w);
    if (!DIRECTIONS.has(w) || i === 0 || !/ي$/u.test(long[i - 1])) return null;
  }
  return rest.length ? `same content words {${short.join(', ')}}, extra ${rest.join(' ')} only refines a nationality` : `same content words {${short.join(', ')}}`;
}

/** `short` is an ordered subsequence (word variants) of `long`. */
function subsequence(short: string[], long: string[]): boolean {
  let j = 0;
  for (const w of long) if (j < short.length && wordVariants(short[j], w)) j++;
  return j === short.length;
}

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    this.parent[rb] = ra;
    return true;
  }
}

const top = <K>(m: Map<K, number>): K => [...m.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))[0][0];

export function entityId(type: EntityType, words: string[]): string {
  return 'ent_' + createHash('sha1').update(`${type}|${words.join(' ')}`).digest('hex').slice(0, 12);
}

export function resolveEntities(
  mentionsByArticle: Map<string, EntityMention[]> | Record<string, EntityMention[]>,
  opts: ResolveOptions = {},
): ResolveResult {
  const byArticle = mentionsByArticle instanceof Map ? mentionsByArticle : new Map(Object.entries(mentionsByArticle));
  const texts = opts.texts instanceof Map ? opts.texts : new Map(Object.entries(opts.texts ?? {}));
  const articleIds = [...byArticle.keys()].sort();

  // ---- 1. forms (same-form merge)
  const forms: Form[] = [];
  const formIndex = new Map<string, number>();
  const mentionForm = new Map<string, number>();
  for (const a of articleIds) {
    for (const m of byArticle.get(a)!) {
      const words = nameWords(m.text);
      if (!words.length) continue;
      const key = words.join(' ');
      let fi = formIndex.get(key);
      if (fi === undefined) {
        fi = forms.length;
        formIndex.set(key, fi);
        forms.push({ key, words, texts: new Map(), votes: new Map(), type: m.type, count: 0 });
      }
      const f = forms[fi];
      f.texts.set(m.text, (f.texts.get(m.text) ?? 0) + 1);
      f.votes.set(m.type, (f.votes.get(m.type) ?? 0) + 1);
      f.count++;
      mentionForm.set(mentionKey(a, m), fi);
    }
  }
  for (const f of forms) f.type = top(f.votes);

  const uf = new UnionFind(forms.length);
  const pending: Omit<Merge, 'entityId'>[] = [];
  for (const f of forms) {
    const texts = [...f.texts.keys()];
    for (const t of texts.slice(1)) pending.push({ rule: 'same-form', from: t, to: texts[0], evidence: `same normalised name "${f.key}"` });
  }
  const show = (i: number): string => top(forms[i].texts);

  // ---- 2. transliteration variants and 3. permutations
  for (let i = 0; i < forms.length; i++) {
    for (let j = i + 1; j < forms.length; j++) {
      const a = forms[i];
      const b = forms[j];
      if (a.type === b.type && nameVariants(a.words, b.words)) {
        if (uf.union(i, j)) {
          const d = levenshtein(a.words.join(' '), b.words.join(' '));
          pending.push({ rule: 'transliteration', from: show(j), to: show(i), evidence: `same consonant skeleton "${a.words.map(skeleton).join(' ')}", edit distance ${d}` });
        }
        continue;
      }
      if (a.type === 'ORG' || b.type === 'ORG') {
        if (a.type === 'LOC' || b.type === 'LOC') continue;
        const why = permutationOf(a.words, b.words);
        if (why && uf.union(i, j)) pending.push({ rule: 'permutation', from: show(j), to: show(i), evidence: why });
      }
    }
  }

  // ---- 4. short names → the one longer name containing them
  const groupCount = (): Map<number, number> => {
    const m = new Map<number, number>();
    forms.forEach((f, i) => m.set(uf.find(i), (m.get(uf.find(i)) ?? 0) + f.count));
    return m;
  };
  // longer partial names first, so "كيم جونغ" joins "كيم جونغ أون" before "كيم" looks for its full name
  const order = forms.map((_, i) => i).filter((i) => forms[i].type === 'PER').sort((x, y) => forms[y].words.length - forms[x].words.length);
  for (const i of order) {
    const cands = new Map<number, number>();
    for (const j of order) {
      if (forms[j].words.length <= forms[i].words.length || uf.find(j) === uf.find(i)) continue;
      if (subsequence(forms[i].words, forms[j].words)) cands.set(uf.find(j), j);
    }
    if (!cands.size) continue;
    const counts = groupCount();
    const ranked = [...cands.keys()].sort((x, y) => counts.get(y)! - counts.get(x)!);
    if (ranked.length > 1 && counts.get(ranked[0])! < 2 * counts.get(ranked[1])!) continue; // ambiguous: two people share the name
    const j = cands.get(ranked[0])!;
    if (uf.union(j, i)) pending.push({ rule: 'short-name', from: show(i), to: show(j), evidence: `"${forms[i].words.join(' ')}" is part of the longer name "${forms[j].words.join(' ')}" in the same story` });
  }

  // ---- entities
  const groups = new Map<number, number[]>();
  forms.forEach((_, i) => {
    const r = uf.find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  const formEntity = new Map<number, string>();
  const entities = new Map<string, StoryEntity & { count: number }>();
  for (const members of groups.values()) {
    const votes = new Map<EntityType, number>();
    for (const i of members) for (const [t, c] of forms[i].votes) votes.set(t, (votes.get(t) ?? 0) + c);
    const longest = Math.max(...members.map((i) => forms[i].words.length));
    const type = forms[members.find((i) => forms[i].words.length === longest)!].type;
    // a person is named by their fullest name: a multi-word form no other form extends (seen twice if possible)
    const maximal = members.filter((i) => forms[i].words.length > 1 && !members.some((j) => j !== i && forms[j].words.length > forms[i].words.length && subsequence(forms[i].words, forms[j].words)));
    const sure = maximal.filter((i) => forms[i].count >= 2);
    const pool = type === 'PER' && (sure.length || maximal.length) ? (sure.length ? sure : maximal) : members;
    const canon = pool.sort((x, y) => forms[y].count - forms[x].count || forms[y].words.length - forms[x].words.length)[0];
    const id = entityId(type, forms[canon].words);
    const variants = new Map<string, number>();
    for (const i of members) for (const [t, c] of forms[i].texts) variants.set(t, (variants.get(t) ?? 0) + c);
    entities.set(id, {
      id,
      name: top(forms[canon].texts),
      type,
      variants: [...variants.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t),
      articleIds: [],
      count: members.reduce((n, i) => n + forms[i].count, 0),
    });
    for (const i of members) formEntity.set(i, id);
  }

  const mentionToEntity = new Map<string, string>();
  const mentions = new Map<string, EntityMention[]>();
  const entityArticles = new Map<string, Set<string>>();
  const note = (a: string, id: string): void => {
    entityArticles.set(id, (entityArticles.get(id) ?? new Set()).add(a));
  };
  for (const a of articleIds) {
    const list: EntityMention[] = [];
    for (const m of byArticle.get(a)!) {
      const fi = mentionForm.get(mentionKey(a, m));
      const id = fi === undefined ? null : formEntity.get(fi)!;
      if (id) {
        mentionToEntity.set(mentionKey(a, m), id);
        note(a, id);
      }
      list.push({ ...m, entityId: id });
    }
    mentions.set(a, list);
  }

  const merges: Merge[] = pending.map((p) => {
    const fi = formIndex.get(nameWords(p.from).join(' '));
    return { ...p, entityId: fi === undefined ? '' : formEntity.get(fi)! };
  });

  // ---- 5. roles
  if (texts.size) resolveRoles(articleIds, texts, mentions, entities, mentionToEntity, merges, note);

  const out = [...entities.values()].map(({ count: _c, ...e }) => ({ ...e, articleIds: [...(entityArticles.get(e.id) ?? [])].sort() }));
  out.sort((a, b) => entities.get(b.id)!.count - entities.get(a.id)!.count || a.id.localeCompare(b.id));
  return { entities: out, mentionToEntity, mentions, merges };
}

// ------------------------------------------------------------------ roles

const SPOKES = new Set(['متحدث', 'ناطق']);
const ROLE_TITLES = new Set([...TRIGGERS.PERT].filter((w) => !['سيد', 'سيده', 'د', 'دكتور', 'استاذ'].includes(w)));

interface RolePhrase {
  key: string;
  start: number;
  end: number;
  /** token index after the phrase */
  next: number;
}

/** Reads "TITLE (باسم)? (nisba | LOC/ORG mention)+" at token i; null when there is no modifier. */
function readRole(toks: ReturnType<typeof tokenizeForTagging>, i: number, mentionAt: Map<number, EntityMention>, text: string): RolePhrase | null {
  const title = matchKey(toks[i].text);
  if (!ROLE_TITLES.has(title)) return null;
  const key = [SPOKES.has(title) ? 'متحدث' : title];
  let j = i + 1;
  let end = toks[i].end;
  while (j < toks.length && key.length < 6) {
    if (/[\n.،,؛:!؟?«»"“”()]/u.test(text.slice(toks[j - 1].end, toks[j].start))) break;
    const n = normWord(toks[j].text);
    const m = mentionAt.get(toks[j].start);
    if (m && m.type === 'PER') break;
    if (m) {
      key.push(...nameWords(m.text).map(nisbaKey));
      while (j < toks.length && toks[j].start < m.end) j++;
      end = m.end;
      continue;
    }
    if (n === 'باسم' || /^ال..+(ي|يه)$/u.test(n) || (key.length === 1 && /^ال..+/u.test(n) && title !== 'رئيس')) {
      key.push(n === 'باسم' ? 'باسم' : nisbaKey(n.slice(2)));
      end = toks[j].end;
      j++;
      continue;
    }
    break;
  }
  if (key.length < 2 || key[key.length - 1] === 'باسم') return null;
  return { key: key.join(' '), start: toks[i].start, end, next: j };
}

function resolveRoles(
  articleIds: string[],
  texts: Map<string, string>,
  mentions: Map<string, EntityMention[]>,
  entities: Map<string, StoryEntity & { count: number }>,
  mentionToEntity: Map<string, string>,
  merges: Merge[],
  note: (a: string, id: string) => void,
): void {
  const scans = articleIds
    .filter((a) => texts.has(a))
    .map((a) => {
      const text = texts.get(a)!;
      const toks = tokenizeForTagging(text);
      const mentionAt = new Map(mentions.get(a)!.map((m) => [m.start, m]));
      const phrases: (RolePhrase & { person: EntityMention | null })[] = [];
      for (let i = 0; i < toks.length; i++) {
        const r = readRole(toks, i, mentionAt, text);
        if (!r) continue;
        // the person named right after the role (a comma may sit between)
        const nextTok = toks[r.next];
        const gap = nextTok ? text.slice(r.end, nextTok.start) : '';
        const pm = nextTok && /^[\s،,]*$/u.test(gap) ? mentionAt.get(nextTok.start) : undefined;
        phrases.push({ ...r, person: pm && pm.type === 'PER' && pm.entityId ? pm : null });
        i = r.next - 1;
      }
      return { a, text, phrases };
    });
  const bindings = new Map<string, Map<string, string>>();
  for (const s of scans)
    for (const p of s.phrases)
      if (p.person) {
        const m = bindings.get(p.key) ?? new Map<string, string>();
        m.set(p.person.entityId!, `"${s.text.slice(p.start, p.person.end)}" in article ${s.a}`);
        bindings.set(p.key, m);
      }
  for (const s of scans) {
    for (const p of s.phrases) {
      if (p.person) continue;
      const b = bindings.get(p.key);
      if (!b || b.size !== 1) continue; // unbound or ambiguous role
      const [id, evidence] = [...b.entries()][0];
      const m: EntityMention = { start: p.start, end: p.end, type: 'PER', text: s.text.slice(p.start, p.end), entityId: id };
      mentions.get(s.a)!.push(m);
      mentions.get(s.a)!.sort((x, y) => x.start - y.start);
      mentionToEntity.set(mentionKey(s.a, m), id);
      note(s.a, id);
      const e = entities.get(id)!;
      if (!e.variants.includes(m.text)) e.variants.push(m.text);
      merges.push({ rule: 'role', entityId: id, from: m.text, to: e.name, evidence: `role "${p.key}" bound by ${evidence}` });
    }
  }
}
