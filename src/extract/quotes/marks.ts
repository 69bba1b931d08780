/**
 * Quotation-mark pairing in scraped Arabic text. «» are directional; the double quotes " “ ” „
 * are used both ways round in Arabic pages (RTL editors swap them), so each is classed as
 * opener or closer from its neighbours (space before and letter after = opener, and so on).
 * An opener left unclosed at the end of its paragraph closes there (scraped text loses marks).
 */

export interface QuoteMarks {
  /** offset of the opening mark */
  open: number;
  /** offset of the closing mark, or -1 when unbalanced (content runs to the paragraph end) */
  close: number;
  contentStart: number;
  contentEnd: number;
}

const DQ = new Set(['"', '“', '”', '„', '‟', '″']);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const isOpenContext = (c: string | undefined): boolean => c === undefined || /[\s(\[:،,؛«—–-]/.test(c) || c === 'ـ';

export function findQuoteMarks(text: string): QuoteMarks[] {
  const out: QuoteMarks[] = [];
  let paraStart = 0;
  const flushPara = (paraEnd: number, openG: number[], openD: number[]): void => {
    for (const o of [...openG, ...openD]) {
      let e = paraEnd;
      while (e > o + 1 && /[\s.]/.test(text[e - 1])) e--;
      if (e - (o + 1) >= 2) out.push({ open: o, close: -1, contentStart: o + 1, contentEnd: e });
    }
  };
  let openG: number[] = [];
  let openD: number[] = [];
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === undefined || c === '\n') {
      // a paragraph ends at a newline unless a quote is open and the next line continues it
      const next = text.slice(i + 1, i + 400);
      const continues = (openG.length > 0 && next.includes('»')) || (openD.length > 0 && /^[^\n]*[^\s]["“”]/.test(next) && !/^\s*["“”«]/.test(next));
      if (c === undefined || !continues || i - paraStart > 3000) {
        flushPara(i, openG, openD);
        openG = [];
        openD = [];
        paraStart = i + 1;
      }
      continue;
    }
    if (c === '«') openG.push(i);
    else if (c === '»') {
      const o = openG.pop();
      if (o !== undefined) out.push({ open: o, close: i, contentStart: o + 1, contentEnd: i });
    } else if (DQ.has(c)) {
      const before = text[i - 1];
      const after = text[i + 1];
      const opener = isOpenContext(before) || (/[وبلفك]/.test(before ?? '') && isOpenContext(text[i - 2]));
      const closer = !isSpace(before) && (isSpace(after) || /[.,،؛:!?؟)\]»]/.test(after ?? ''));
      if (openD.length > 0 && (closer || !opener)) {
        const o = openD.pop()!;
        out.push({ open: o, close: i, contentStart: o + 1, contentEnd: i });
      } else if (opener || openD.length === 0) openD.push(i);
    }
  }
  return out.sort((a, b) => a.open - b.open);
}
