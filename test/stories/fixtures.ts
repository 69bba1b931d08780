/** Our own realistic Arabic fixtures: two stories (Kassala floods, Egyptian rates) and decoys. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StoryInput } from '../../src/stories/index.ts';
import { loadModel, tagEntities } from '../../src/extract/entities/index.ts';

interface Raw { id: string; source: string; time: string; title: string; body: string }

const here = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));

export const FIXTURES: StoryInput[] = (JSON.parse(readFileSync(here('articles.json'), 'utf8')) as Raw[])
  .map((a) => ({ id: a.id, source: a.source, time: Date.parse(a.time), title: a.title, body: a.body }))
  .sort((a, b) => a.time - b.time);

export const SEED_LIKE_DECOY = JSON.parse(readFileSync(here('seed-like-decoy.json'), 'utf8')) as Omit<StoryInput, 'time'>;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The input with entity mention texts as the pipeline passes them: NER over each body paragraph. */
export function withEntities<T extends { body: string }>(a: T): T & { entities: string[] } {
  const model = loadModel();
  return { ...a, entities: a.body.split('\n').flatMap((p) => tagEntities(p, model).map((m) => m.text)) };
}
