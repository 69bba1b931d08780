/**
 * Generic pattern rules applied after the statistical tagger (Arabic structure, no names):
 * - an organisation head noun (وكالة، وزارة، صحيفة…) followed by the news-agency word, definite
 *   nisba adjectives (الكورية، الأميركية) or an already-tagged name is one ORG span
 *   (ANERcorp often leaves "وكالة …" untagged, modern news is full of agencies);
 * - a span is split where an inner word carries a conjunction/preposition whose bare form is a
 *   word of its own in the text (كيم وبوتين → كيم | بوتين);
 * - spans ending in a tanween-marked adverb (جداً) are dropped: names do not take tanween.
 */
import type { EntityType } from '../../model.ts';
import { normWord, type Tok } from './arabic.ts';

export interface TokenSpan {
  start: number;
  end: number;
  type: EntityType;
}

/** Organisation head nouns (general vocabulary) in normalised form without ال. */
const ORG_HEADS = new Set(
  'وكاله صحيفه جريده مجله قناه اذاعه وزاره شركه جامعه منظمه هيئه مؤسسه موسسه جمعيه حزب حركه مجلس محكمه بنك مصرف معهد مركز لجنه رابطه نقابه'
    .split(' '),
);
const NEWS_WORDS = new Set(['الانباء', 'انباء', 'للانباء', 'للصحافه', 'الصحافه', 'الاخبار', 'للاخبار']);

/** adjectives that describe any organisation and are not part of its name */
const GENERIC_ADJ = new Set(['الرسميه', 'الحكوميه', 'المحليه', 'الخاصه', 'الرسمي', 'الحكومي']);

const definite = (n: string): boolean => n.startsWith('ال') && n.length > 3;
const nisba = (n: string): boolean => /^ال..+(ي|يه)$/u.test(n);

/** Place nouns that introduce a proper name right after them (قاعدة X، مدينة X). */
const PLACE_HEADS = new Set('مدينه قريه بلده محافظه ولايه اقليم منطقه مقاطعه قاعده مطار ميناء معبر جزيره مخيم ضاحيه محطه'.split(' '));

/**
 * @param isCommonWord true for words frequent in unlabelled news (the model's cluster vocabulary):
 *   a rare, non-definite word after a place noun is taken as the place's name.
 */
export function applyPatterns(toks: readonly Tok[], spans: TokenSpan[], text = '', isCommonWord: (norm: string) => boolean = () => true): TokenSpan[] {
  const norms = toks.map((t) => normWord(t.text));
  const standalone = new Set(norms);
  let out = spans.flatMap((s) => splitAtClitics(s, norms, standalone));
  out = out.filter((s) => !/[\u064B]ا?$|اً$/u.test(toks[s.end - 1].text));
  const spanAt = new Map(out.map((s) => [s.start, s]));
  const added: TokenSpan[] = [];
  const inSpan = (k: number): boolean => out.some((s) => s.start <= k && k < s.end);
  for (let i = 0; i + 1 < toks.length; i++) {
    const h = norms[i].replace(/^[وفبلك]?(ال)?/u, '');
    if (!PLACE_HEADS.has(h) && !PLACE_HEADS.has(norms[i])) continue;
    const n = norms[i + 1];
    if (toks[i + 1].kind !== 'word' || n.length < 4 || definite(n) || inSpan(i + 1) || isCommonWord(n)) continue;
    if (text && /[\n.،,؛:!؟?]/u.test(text.slice(toks[i].end, toks[i + 1].start))) continue;
    out.push({ start: i + 1, end: i + 2, type: 'LOC' });
  }
  out.sort((a, b) => a.start - b.start);
  for (let i = 0; i < toks.length; i++) {
    const n = norms[i];
    const head = orgHead(n);
    if (!head) continue;
    const { noClitic, bare } = head;
    let j = i + 1;
    let hasNews = false;
    let first = true;
    while (j < toks.length && j - i < 8) {
      if (text && /[\n.،,؛:!؟?]/u.test(text.slice(toks[j - 1].end, toks[j].start))) break;
      const m = norms[j];
      const tagged = spanAt.get(j);
      if (NEWS_WORDS.has(m)) hasNews = true;
      else if (tagged && tagged.type !== 'PER') {
        j = tagged.end;
        first = false;
        continue;
      } else if (first && !definite(m) && !noClitic.startsWith('ال')) {
        // foreign names right after the head: وكالة أسوشيتد برس (the tagger found only part of it)
        const g = [0, 1, 2].find((d) => spanAt.get(j + d) && spanAt.get(j + d)!.type !== 'PER');
        if (g === undefined) break;
        j = spanAt.get(j + g)!.end;
        first = false;
        continue;
      } else if (GENERIC_ADJ.has(m) || !(nisba(m) || (first && definite(m) && !noClitic.startsWith('ال')))) break;
      first = false;
      j++;
    }
    if (j - i < 2) continue;
    // "الوكالة الكورية" alone is a description, not a name; with the news word it is a name
    if (noClitic.startsWith('ال') && !hasNews) continue;
    added.push({ start: i, end: j, type: 'ORG' });
    i = j - 1;
  }
  if (!added.length) return out;
  const covered = (s: TokenSpan): boolean => added.some((a) => s.start < a.end && a.start < s.end);
  return [...out.filter((s) => !covered(s)), ...added].sort((a, b) => a.start - b.start);
}

/** The head noun when `n` is an organisation head with optional proclitics and ال (لوكالة، والوزارة). */
function orgHead(n: string): { noClitic: string; bare: string } | null {
  for (const cut of [0, 1, 2]) {
    const rest = n.slice(cut);
    if (cut > 0 && !/^[وف]?[لبك]?$/u.test(n.slice(0, cut))) continue;
    const bare = rest.startsWith('ال') ? rest.slice(2) : rest;
    if (ORG_HEADS.has(bare)) return { noClitic: rest, bare };
    if (n.startsWith('لل') && cut === 1 && ORG_HEADS.has(n.slice(2))) return { noClitic: 'ال' + n.slice(2), bare: n.slice(2) };
  }
  return null;
}

function splitAtClitics(s: TokenSpan, norms: string[], standalone: Set<string>): TokenSpan[] {
  const parts: TokenSpan[] = [];
  let a = s.start;
  for (let k = s.start + 1; k < s.end; k++) {
    const m = /^[وفلبك]/u.exec(norms[k]);
    if (m && norms[k].length > 3 && standalone.has(norms[k].slice(1))) {
      parts.push({ start: a, end: k, type: s.type });
      a = k;
    }
  }
  parts.push({ start: a, end: s.end, type: s.type });
  return parts;
}
