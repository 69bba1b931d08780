/** Sparse term vectors (term → weight) and the few operations the clusterer needs. */
export type Vec = Map<string, number>;

export function norm(v: Vec): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

export function dot(a: Vec, b: Vec): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = big.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

export function cosine(a: Vec, b: Vec): number {
  const na = norm(a);
  const nb = norm(b);
  return na === 0 || nb === 0 ? 0 : dot(a, b) / (na * nb);
}

/** the k largest entries (the vector itself when it is small enough) */
export function topK(v: Vec, k: number): Vec {
  if (v.size <= k) return v;
  return new Map([...v].sort((x, y) => y[1] - x[1]).slice(0, k));
}

export function addInto(target: Vec, v: Vec, scale = 1): void {
  for (const [k, x] of v) target.set(k, (target.get(k) ?? 0) + x * scale);
}

export function unitize(v: Vec): Vec {
  const n = norm(v);
  if (n > 0) for (const [k, x] of v) v.set(k, x / n);
  return v;
}

/** JSON form [[term, weight]…], weights exact so a restored clusterer continues exactly as the original */
export function vecToJSON(v: Vec): [string, number][] {
  return [...v];
}

export function vecFromJSON(j: [string, number][]): Vec {
  return new Map(j);
}
