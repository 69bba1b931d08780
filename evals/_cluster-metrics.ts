/** B-cubed and pairwise precision/recall/F1 of a clustering against gold labels. */
import { prf, type PRF } from './report.ts';

/** Scores only the items present in `gold`; `pred` maps the same ids to cluster ids. */
export function bcubed(gold: Map<string, string>, pred: Map<string, string>): PRF {
  const byGold = groups(gold);
  const byPred = groups(restrict(pred, gold));
  let p = 0;
  let r = 0;
  const ids = [...gold.keys()];
  for (const id of ids) {
    const g = byGold.get(gold.get(id)!)!;
    const c = byPred.get(pred.get(id) ?? `__alone:${id}`)!;
    let both = 0;
    for (const x of c) if (g.has(x)) both++;
    p += both / c.size;
    r += both / g.size;
  }
  p /= ids.length;
  r /= ids.length;
  return { precision: p, recall: r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

export function pairwise(gold: Map<string, string>, pred: Map<string, string>): PRF {
  const ids = [...gold.keys()];
  const pr = restrict(pred, gold);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const g = gold.get(ids[i]) === gold.get(ids[j]);
      const c = pr.get(ids[i]) === pr.get(ids[j]);
      if (g && c) tp++;
      else if (c) fp++;
      else if (g) fn++;
    }
  }
  return prf(tp, fp, fn);
}

function restrict(pred: Map<string, string>, gold: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of gold.keys()) out.set(id, pred.get(id) ?? `__alone:${id}`);
  return out;
}

function groups(m: Map<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [id, c] of m) {
    let s = out.get(c);
    if (!s) out.set(c, (s = new Set()));
    s.add(id);
  }
  return out;
}
