/**
 * Which news agency an article credits, when it credits one. General Arabic credit patterns:
 * a parenthesised agency name or acronym in a dateline or at the end ("(أ ف ب)", "(واس)",
 * "- رويترز"), "المصدر: …", "وكالات". A mere citation inside the body ("ذكرت وكالة رويترز أن…")
 * is not a credit: only the first and last lines, a parenthesised credit, or an explicit
 * "المصدر"/"نقلاً عن" line count.
 */
import { normalize } from '../text/index.ts';

/** Agency names and acronyms as written in Arabic credits → display name. General vocabulary, not tied to any article. */
const AGENCIES: [RegExp, string][] = [
  [/ا ?ف ?ب|فرانس برس|فرانس پرس/, 'أ ف ب'],
  [/رويترز/, 'رويترز'],
  [/اسوشيتد برس|اسوشيتدبرس|ا ب\b/, 'أسوشيتد برس'],
  [/د ب ا|الالمانيه للانباء/, 'د ب أ'],
  [/ا ش ا|انباء الشرق الاوسط/, 'أ ش أ'],
  [/واس|وكاله الانباء السعوديه/, 'واس'],
  [/وام|وكاله انباء الامارات/, 'وام'],
  [/قنا|وكاله الانباء القطريه/, 'قنا'],
  [/كونا|وكاله الانباء الكويتيه/, 'كونا'],
  [/بنا|وكاله انباء البحرين/, 'بنا'],
  [/العمانيه/, 'العمانية'],
  [/سانا/, 'سانا'],
  [/وفا/, 'وفا'],
  [/شينخوا/, 'شينخوا'],
  [/الاناضول/, 'الأناضول'],
  [/تاس/, 'تاس'],
  [/نوفوستي|سبوتنيك/, 'سبوتنيك'],
  [/ارنا/, 'إرنا'],
  [/يو بي اي/, 'يو بي آي'],
  [/وكالات/, 'وكالات'],
];

function agencyIn(fragment: string): string | null {
  const t = normalize(fragment).replace(/[.\u060C،]/g, ' ').replace(/\s+/g, ' ').replace(/ة/g, 'ه');
  for (const [re, name] of AGENCIES) {
    const m = re.exec(t);
    if (m) {
      // whole-word check (قنا must not match inside قناة)
      const before = t[m.index - 1];
      const after = t[m.index + m[0].length];
      if ((before === undefined || /[\s(\-–"«:]/.test(before)) && (after === undefined || /[\s)\-–"»:]/.test(after))) return name;
    }
  }
  const named = /وكاله ([\u0621-\u064A]+(?: [\u0621-\u064A]+){0,3}) للانباء/.exec(t);
  return named ? `وكالة ${named[1]} للأنباء` : null;
}

/** The agency the text credits, or null. */
export function creditedAgency(text: string): string | null {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => /[\u0621-\u064A]/.test(l));
  if (lines.length === 0) return null;
  // explicit credit lines anywhere
  for (const l of lines) {
    const m = /^(?:المصدر|المصدر ?[:：]|نقلا عن|نقلاً عن|source)\s*[:：]?\s*(.{2,60})$/iu.exec(l);
    if (m && l.length < 80) {
      const a = agencyIn(m[1]);
      if (a) return a;
    }
  }
  // parenthesised credit in a dateline or signature: "الرياض (واس) -", "(أ ف ب)"
  const edges = [lines[0], lines[1] ?? '', lines[lines.length - 1]];
  for (const l of edges) {
    for (const m of l.matchAll(/[(（]([^()（）]{2,30})[)）]/g)) {
      const a = agencyIn(m[1]);
      if (a) return a;
    }
  }
  // a short last line that is just the agency ("رويترز", "أ ف ب", "- وكالات")
  const last = lines[lines.length - 1];
  if (last.length <= 30) {
    const a = agencyIn(last.replace(/^[\s\-–—:]+/, ''));
    if (a) return a;
  }
  // dateline "سيول - أ ف ب:" at the start of the first body line
  const head = /^[^\n]{0,40}?[-–—]\s*([^\-–—:]{2,25})\s*[:：\-–—]/u.exec(lines[0]);
  if (head) {
    const a = agencyIn(head[1]);
    if (a) return a;
  }
  return null;
}
