/** A generated corpus of N distinct Arabic articles (from our own fixtures), for scale and crash tests. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures } from './helpers.ts';

function fixtureSentences(): string[] {
  const dir = join(fixtures, 'corpus');
  const out: string[] = [];
  for (const outlet of readdirSync(dir)) {
    if (outlet.endsWith('.json')) continue;
    for (const f of readdirSync(join(dir, outlet)).filter((n) => n.endsWith('.txt')))
      out.push(...readFileSync(join(dir, outlet, f), 'utf8').split('\n').filter((l) => l.length > 40));
  }
  return out;
}

export interface GeneratedArticle {
  id: string;
  source: string;
  title: string;
  text: string;
}

export function generateArticles(n: number): GeneratedArticle[] {
  const sentences = fixtureSentences();
  const outlets = ['الأفق', 'مدار نيوز', 'شبكة الساحل', 'وكالة الأنباء الوطنية'];
  const out: GeneratedArticle[] = [];
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    for (let k = 0; k < 8; k++) parts.push(sentences[(i * 7 + k * 13) % sentences.length]);
    parts.push(`وأفاد مصدر محلي بأن عدد الأسر التي تم إيواؤها بلغ ${1000 + i} أسرة حتى الآن.`);
    out.push({ id: `gen-${i}`, source: outlets[i % outlets.length], title: `تطورات السيول: التحديث رقم ${i}`, text: parts.join('\n') });
  }
  return out;
}

export function writeJsonlCorpus(path: string, n: number): GeneratedArticle[] {
  const items = generateArticles(n);
  writeFileSync(path, items.map((a) => JSON.stringify(a)).join('\n') + '\n');
  return items;
}
