/** Expands ingest arguments into inputs: files (folders walked recursively, sorted), URLs, stdin. */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { toPosix } from './sources.ts';

export type InputKind = 'txt' | 'html' | 'xml' | 'jsonl' | 'jsonl.gz' | 'warc' | 'warc.gz';

export type Input =
  | { type: 'file'; path: string; root: string; rel: string; kind: InputKind; size: number }
  | { type: 'url'; url: string }
  | { type: 'stdin' }
  | { type: 'missing'; arg: string }
  | { type: 'unsupported'; path: string; root: string; rel: string; explicit: boolean };

export function kindOf(name: string): InputKind | null {
  const n = name.toLowerCase();
  if (n.endsWith('.meta.json')) return null;
  if (n.endsWith('.txt')) return 'txt';
  if (n.endsWith('.html') || n.endsWith('.htm')) return 'html';
  if (n.endsWith('.xml') || n.endsWith('.rss') || n.endsWith('.atom')) return 'xml';
  if (n.endsWith('.jsonl') || n.endsWith('.ndjson')) return 'jsonl';
  if (n.endsWith('.jsonl.gz') || n.endsWith('.ndjson.gz')) return 'jsonl.gz';
  if (n.endsWith('.warc')) return 'warc';
  if (n.endsWith('.warc.gz')) return 'warc.gz';
  return null;
}

/** files that are part of the layout, never inputs */
const isLayoutFile = (name: string) => name.startsWith('.') || name === 'sources.json' || name.toLowerCase().endsWith('.meta.json');

export function expandInputs(args: string[]): Input[] {
  const out: Input[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push({ type: 'stdin' });
      continue;
    }
    if (/^https?:\/\//i.test(arg)) {
      out.push({ type: 'url', url: arg });
      continue;
    }
    const abs = resolve(arg);
    let st;
    try {
      st = statSync(abs);
    } catch {
      out.push({ type: 'missing', arg });
      continue;
    }
    if (st.isDirectory()) walk(abs, abs, out);
    else pushFile(abs, dirname(abs), st.size, true, out);
  }
  return out;
}

function walk(dir: string, root: string, out: Input[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (isLayoutFile(e.name) || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, root, out);
    else if (e.isFile() || e.isSymbolicLink()) {
      let size = 0;
      try {
        const st = statSync(p);
        if (!st.isFile()) continue;
        size = st.size;
      } catch {
        continue; // dangling link
      }
      pushFile(p, root, size, false, out);
    }
  }
}

function pushFile(path: string, root: string, size: number, explicit: boolean, out: Input[]): void {
  const rel = toPosix(relative(root, path)) || basename(path);
  const kind = kindOf(path);
  if (!kind) out.push({ type: 'unsupported', path, root, rel, explicit });
  else out.push({ type: 'file', path, root, rel, kind, size });
}
