/**
 * Shared helpers for evals: where the public data is, P/R/F1, and rewriting one task's
 * section of docs/EVAL.md between `<!-- eval:TASK -->` markers so evals never clobber
 * each other.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared/data relative to the project root, or MARSAD_SHARED_DATA */
export const sharedData = process.env.MARSAD_SHARED_DATA ?? resolve(projectRoot, '..', 'shared', 'data');

/** Path of a public data file, or null (and a printed "skipped" line) when absent. */
export function sharedFile(rel: string, task: string): string | null {
  const p = join(sharedData, rel);
  if (!existsSync(p)) {
    console.log(`[${task}] skipped: ${p} not present`);
    return null;
  }
  return p;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export const fmt = (x: number, digits = 3): string => x.toFixed(digits);

/** Replace (or append) the section of `doc` (docs/EVAL.md or docs/BENCH.md) for `task`. */
export function writeSection(doc: 'EVAL.md' | 'BENCH.md', task: string, markdown: string): void {
  const path = join(projectRoot, 'docs', doc);
  const begin = `<!-- ${doc === 'EVAL.md' ? 'eval' : 'bench'}:${task} -->`;
  const end = `<!-- /${doc === 'EVAL.md' ? 'eval' : 'bench'}:${task} -->`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : `# ${doc.replace('.md', '')}\n`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const i = current.indexOf(begin);
  const j = current.indexOf(end);
  const next = i >= 0 && j > i ? current.slice(0, i) + block + current.slice(j + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}
