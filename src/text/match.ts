/** The matching key of a word or a name: normalise, strip proclitics, fold final ة → ه, lower-case Latin. */
import { splitClitics } from './clitics.ts';
import { normalize } from './normalize.ts';
import { CLASS, Cls } from './chars.ts';

const TEH_MARBUTA = 0x0629;

function keyOfWord(raw: string): string {
  const n = normalize(raw);
  if (n.length === 0) return n;
  if (CLASS[n.charCodeAt(0)] !== Cls.Arabic) return n.toLowerCase();
  let base = splitClitics(raw).base; // the raw form keeps the hamza evidence
  if (base.charCodeAt(base.length - 1) === TEH_MARBUTA) base = base.slice(0, -1) + 'ه';
  return base;
}

const SPACE = /[\s\u200b]+/;

/**
 * Matching key: `matchForm('وبالقاهرة') === matchForm('القاهره')`. A string with spaces
 * (a multi-word name) is keyed word by word and re-joined with single spaces.
 */
const cache = new Map<string, string>();

export function matchForm(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const key = SPACE.test(word) ? keyOfPhrase(word) : keyOfWord(word);
  if (cache.size >= 200_000) cache.clear();
  cache.set(word, key);
  return key;
}

function keyOfPhrase(word: string): string {
  const parts = word.split(SPACE).map(keyOfWord).filter((p) => p.length > 0);
  return parts.join(' ');
}
