/**
 * Merges the corpus truth fragments (examples/corpus/truth/*.json, one per writer) into
 * examples/corpus/truth.json, validated, articles in publication order. Run after editing
 * a fragment: `npx tsx scripts/build-truth.ts`. A test fails when truth.json is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TruthFile } from '../src/corpus/truth.ts';

export function mergeTruthFragments(corpus: string): TruthFile {
  const dir = join(corpus, 'truth');
  const merged: TruthFile = { stories: [], entities: [], articles: [], copies: [], not_copies: [] };
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const part = TruthFile.parse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
    merged.stories.push(...part.stories);
    for (const e of part.entities) {
      const known = merged.entities.find((x) => x.id === e.id);
      if (!known) merged.entities.push({ ...e, variants: [...e.variants] });
      else for (const v of e.variants) if (!known.variants.includes(v)) known.variants.push(v);
    }
    merged.articles.push(...part.articles);
    merged.copies.push(...part.copies);
    merged.not_copies.push(...part.not_copies);
  }
  merged.articles.sort((a, b) => Date.parse(a.published_at) - Date.parse(b.published_at) || a.file.localeCompare(b.file));
  merged.entities.sort((a, b) => a.id.localeCompare(b.id));
  return merged;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'corpus');
  const merged = mergeTruthFragments(corpus);
  writeFileSync(join(corpus, 'truth.json'), JSON.stringify({ version: 1, ...merged }, null, 1) + '\n');
  console.log(`truth.json: ${merged.articles.length} articles, ${merged.stories.length} stories, ${merged.entities.length} entities, ${merged.copies.length} copy pairs`);
}
