/**
 * Source (outlet) of a file without metadata. Decision: a folder-per-outlet layout is the
 * common way scraped news is kept (examples/corpus/<outlet>/…), so the first folder under the
 * ingested root names the outlet; `sources.json` ({"slug": "Outlet name"}) in the root maps
 * slugs to display names. A file directly in the root has no outlet folder: its source is the
 * root folder's entry in the parent's sources.json when there is one (ingesting
 * corpus/<outlet> directly), else null — we never guess from an arbitrary folder name like
 * "seeds" or "downloads".
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { z } from 'zod';

const SourcesJson = z.record(z.string(), z.string());

function loadSources(dir: string): Record<string, string> | null {
  const p = join(dir, 'sources.json');
  if (!existsSync(p)) return null;
  try {
    return SourcesJson.parse(JSON.parse(readFileSync(p, 'utf8')));
  } catch {
    return null; // a broken mapping must not stop ingest; folder slugs are used instead
  }
}

export class FolderSources {
  private readonly names: Record<string, string> | null;
  private readonly rootSource: string | null;
  constructor(readonly root: string) {
    this.names = loadSources(root);
    const parent = loadSources(dirname(root));
    this.rootSource = parent?.[basename(root)] ?? null;
  }

  /** `rel` is the path relative to the root, with '/' or the platform separator. */
  sourceFor(rel: string): string | null {
    const parts = rel.split(/[\\/]/).filter(Boolean);
    if (parts.length < 2) return this.rootSource;
    const slug = parts[0];
    return this.names?.[slug] ?? slug;
  }
}

export const toPosix = (p: string): string => p.split(sep).join('/');
