/** Groups of exact/near-duplicate articles from pairwise links (union-find). */
export interface DuplicatePair {
  a: string;
  b: string;
  similarity: number;
}

export interface DuplicateGroup {
  ids: string[];
  /** lowest pairwise similarity that joined the group */
  minSimilarity: number;
}

export function groupNearDuplicates(pairs: DuplicatePair[], threshold = 0.5): DuplicateGroup[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  const minSim = new Map<string, number>();
  for (const p of pairs) {
    if (p.similarity < threshold) continue;
    add(p.a);
    add(p.b);
    const ra = find(p.a);
    const rb = find(p.b);
    const m = Math.min(minSim.get(ra) ?? 1, minSim.get(rb) ?? 1, p.similarity);
    if (ra !== rb) parent.set(rb, ra);
    minSim.set(ra, m);
  }
  const groups = new Map<string, string[]>();
  for (const x of parent.keys()) {
    const r = find(x);
    const g = groups.get(r);
    if (g) g.push(x);
    else groups.set(r, [x]);
  }
  return [...groups].map(([r, ids]) => ({ ids: ids.sort(), minSimilarity: minSim.get(r) ?? 1 })).sort((x, y) => y.ids.length - x.ids.length);
}
