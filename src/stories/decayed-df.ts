/**
 * Document frequencies that fade with time, so yesterday's big story does not make its
 * words look common forever: every count decays with half-life `halfLifeDays`. Decay is
 * applied lazily per term (value, time of last update), so an update costs O(terms).
 */
export interface DfPrior {
  /** background documents counted, and per-term counts (src/stories/background.ts) */
  n: number;
  df: Map<string, number>;
  /** how many documents the prior is worth (it does not decay) */
  docs: number;
}

export class DecayedDocumentFrequency {
  private readonly df = new Map<string, { v: number; t: number }>();
  private total = { v: 0, t: 0 };
  private readonly lambda: number;
  /** constant background counts, not serialised (reloaded from the shipped table) */
  prior: DfPrior | null = null;

  constructor(halfLifeDays: number, prior: DfPrior | null = null) {
    this.lambda = Math.LN2 / (halfLifeDays * 86_400_000);
    this.prior = prior;
  }

  private decayed(e: { v: number; t: number }, t: number): number {
    return t > e.t ? e.v * Math.exp(-this.lambda * (t - e.t)) : e.v;
  }

  add(terms: Iterable<string>, t: number): void {
    for (const term of terms) {
      const e = this.df.get(term);
      if (e) {
        e.v = this.decayed(e, t) + 1;
        e.t = Math.max(e.t, t);
      } else this.df.set(term, { v: 1, t });
    }
    this.total = { v: this.decayed(this.total, t) + 1, t: Math.max(this.total.t, t) };
  }

  /** smoothed inverse document frequency at time t */
  idf(term: string, t: number): number {
    const e = this.df.get(term);
    let df = e ? this.decayed(e, t) : 0;
    let n = this.decayed(this.total, t);
    if (this.prior && this.prior.docs > 0) {
      n += this.prior.docs;
      df += (this.prior.docs * (this.prior.df.get(term) ?? 0)) / this.prior.n;
    }
    return Math.log((n + 1) / (df + 0.5));
  }

  get size(): number {
    return this.df.size;
  }

  toJSON(): { lambda: number; total: { v: number; t: number }; df: [string, number, number][] } {
    return { lambda: this.lambda, total: this.total, df: [...this.df].map(([k, e]) => [k, e.v, e.t]) };
  }

  static fromJSON(j: ReturnType<DecayedDocumentFrequency['toJSON']>): DecayedDocumentFrequency {
    const d = new DecayedDocumentFrequency(1);
    (d as unknown as { lambda: number }).lambda = j.lambda;
    d.total = j.total;
    for (const [k, v, t] of j.df) d.df.set(k, { v, t });
    return d;
  }
}
