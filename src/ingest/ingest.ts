/**
 * The ingest run: inputs → items → ids → batches stored atomically. A failure in one item
 * never stops the run; it is reported by name and reason. Each batch is one transaction, so
 * a killed run leaves only whole articles and re-running completes it (ids are stable, so
 * what is already stored is counted as "already present").
 */
import { createReadStream, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Article, IngestedArticle } from '../model.ts';
import type { Store } from '../store/store.ts';
import { articleId } from './identity.ts';
import { expandInputs, type Input } from './walk.ts';
import { FolderSources } from './sources.ts';
import { readDocument, sidecarPath } from './formats/document.ts';
import { readJsonl } from './formats/jsonl.ts';
import { readWarc } from './formats/warc.ts';
import { readUrl } from './formats/url.ts';
import { DEFAULT_MAX_FILE_SIZE, fail, type IngestItem, type IngestRunReport } from './types.ts';
import { formatBytes } from './size.ts';

export interface IngestProgress {
  inputsDone: number;
  inputsTotal: number;
  added: number;
  alreadyPresent: number;
  failed: number;
  current: string | null;
}

export interface IngestOptions {
  maxFileSize?: number;
  /** articles per transaction (default 200) */
  batchSize?: number;
  /** overrides every source (e.g. `--source "Al Ofuq"`) */
  source?: string | null;
  stdin?: Readable;
  onProgress?: (p: IngestProgress) => void;
  /** clock for `ingestedAt` (tests) */
  now?: () => Date;
}

export async function ingest(store: Store, args: string[], opts: IngestOptions = {}): Promise<IngestRunReport> {
  const maxFileSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const batchSize = Math.max(1, opts.batchSize ?? 200);
  const now = opts.now ?? (() => new Date());
  const inputs = expandInputs(args);
  const report: IngestRunReport = { added: 0, alreadyPresent: 0, failed: [], addedIds: [], skipped: [] };
  const progress: IngestProgress = { inputsDone: 0, inputsTotal: inputs.length, added: 0, alreadyPresent: 0, failed: 0, current: null };
  const tell = () => {
    progress.added = report.added;
    progress.alreadyPresent = report.alreadyPresent;
    progress.failed = report.failed.length;
    opts.onProgress?.(progress);
  };

  let batch = new Map<string, Article>();
  const flush = async () => {
    if (batch.size === 0) return;
    const articles = [...batch.values()];
    batch = new Map();
    const res = await store.addArticles(articles);
    const added = new Set(res.added);
    for (const a of articles) if (added.has(a.id)) report.addedIds.push(a.id);
    report.added += res.added.length;
    report.alreadyPresent += res.existing.length;
    tell();
  };
  const take = async (item: IngestItem) => {
    if (item.failure) {
      report.failed.push(item.failure);
      return;
    }
    const a: IngestedArticle = opts.source ? { ...item.article, source: opts.source } : item.article;
    const id = articleId(a.source, a.raw, a.rawKind);
    if (batch.has(id)) {
      report.alreadyPresent++; // the same article twice in one batch
      return;
    }
    batch.set(id, { ...a, id, ingestedAt: now().toISOString() });
    if (batch.size >= batchSize) await flush();
  };

  const sourcesByRoot = new Map<string, FolderSources>();
  for (const input of inputs) {
    progress.current = describe(input);
    tell();
    if (input.type === 'unsupported' && !input.explicit) report.skipped.push(input.rel);
    for await (const item of readInput(input, { maxFileSize, sourcesByRoot, stdin: opts.stdin })) await take(item);
    progress.inputsDone++;
  }
  await flush();
  progress.current = null;
  tell();
  return report;
}

function describe(input: Input): string {
  switch (input.type) {
    case 'file':
    case 'unsupported':
      return input.rel;
    case 'url':
      return input.url;
    case 'stdin':
      return '-';
    case 'missing':
      return input.arg;
  }
}

async function* readInput(
  input: Input,
  ctx: { maxFileSize: number; sourcesByRoot: Map<string, FolderSources>; stdin?: Readable },
): AsyncGenerator<IngestItem> {
  const { maxFileSize } = ctx;
  switch (input.type) {
    case 'missing':
      yield fail(input.arg, 'no such file or directory');
      return;
    case 'unsupported':
      if (input.explicit) yield fail(input.rel, 'unsupported file type (expected .txt, .html, .htm, .xml, .rss, .atom, .jsonl[.gz], .warc[.gz])');
      return; // inside a folder: images, READMEs… are skipped, not failures (see docs/design/ingest.md)
    case 'url':
      yield* await readUrl(input.url, { maxFileSize });
      return;
    case 'stdin':
      yield* readJsonl((ctx.stdin ?? process.stdin) as Readable, '-', { maxFileSize, gzip: false, defaultSource: null });
      return;
    case 'file':
      break;
  }
  let sources = ctx.sourcesByRoot.get(input.root);
  if (!sources) ctx.sourcesByRoot.set(input.root, (sources = new FolderSources(input.root)));
  const defaultSource = sources.sourceFor(input.rel);
  const where = input.rel;
  if (input.size === 0) {
    yield fail(where, 'empty file');
    return;
  }
  switch (input.kind) {
    case 'jsonl':
    case 'jsonl.gz':
      yield* readJsonl(createReadStream(input.path), where, { maxFileSize, gzip: input.kind === 'jsonl.gz', defaultSource });
      return;
    case 'warc':
    case 'warc.gz':
      yield* readWarc(input.path, where, { maxFileSize, gzip: input.kind === 'warc.gz', defaultSource });
      return;
    default: {
      if (input.size > maxFileSize) {
        yield fail(where, `file is ${formatBytes(input.size)}, over the limit of ${formatBytes(maxFileSize)}; raise it with --max-file-size`);
        return;
      }
      let bytes: Buffer;
      try {
        bytes = readFileSync(input.path);
      } catch (e) {
        yield fail(where, `cannot read: ${(e as Error).message}`);
        return;
      }
      yield* readDocument({ bytes, kind: input.kind, origin: where, defaultSource, sidecar: input.kind === 'xml' ? null : sidecarPath(input.path) });
    }
  }
}
