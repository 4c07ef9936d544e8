/**
 * Cohen's kappa for two raters from their confusion table: `table[i][j]` is the number of units the first rater
 * put in category i and the second in category j. Kappa is unchanged when the raters swap (the table transposes),
 * so the order in which a pair is listed does not matter.
 */
export type ConfusionTable = readonly (readonly number[])[];

export interface Kappa {
  /** Units both raters labelled. */
  n: number;
  /** Share of units with the same label (p_o); null without units. */
  observed: number | null;
  /** Agreement expected by chance from the raters' own label shares (p_e); null without units. */
  expected: number | null;
  /** (p_o − p_e) / (1 − p_e); null when undefined (no units, or both raters used one and the same label only). */
  kappa: number | null;
}

export function cohenKappa(table: ConfusionTable): Kappa {
  const k = table.length;
  let n = 0;
  let agreeing = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const cell = table[i][j];
      n += cell;
      rows[i] += cell;
      cols[j] += cell;
      if (i === j) agreeing += cell;
    }
  }
  if (n === 0) return { n, observed: null, expected: null, kappa: null };
  const observed = agreeing / n;
  const expected = rows.reduce((sum, r, i) => sum + (r / n) * (cols[i] / n), 0);
  return { n, observed, expected, kappa: expected === 1 ? null : (observed - expected) / (1 - expected) };
}

/**
 * One figure over many pairs: the mean of the pairs' kappas weighted by their shared units (Light's mean pairwise
 * kappa, weighted so a pair that shared 3 claims does not count as much as one that shared 300). Pairs whose kappa
 * is undefined are left out. Pooling the pairs' confusion tables instead would depend on which rater of each pair
 * is "first", since the tables' margins are not symmetric.
 */
export function pooledKappa(pairs: readonly Pick<Kappa, 'n' | 'kappa'>[]): {
  kappa: number | null;
  pairs: number;
  n: number;
} {
  const defined = pairs.filter((p): p is { n: number; kappa: number } => p.kappa !== null && p.n > 0);
  const n = defined.reduce((sum, p) => sum + p.n, 0);
  return { kappa: n === 0 ? null : defined.reduce((sum, p) => sum + p.kappa * p.n, 0) / n, pairs: defined.length, n };
}
