/**
 * Krippendorff's alpha, nominal metric (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
 *
 * Every unit with m_u ≥ 2 values contributes, for each ordered pair of its values (c, k) taken from different
 * raters, 1 / (m_u − 1) to the coincidence o_ck; units with fewer than 2 values are not pairable and contribute
 * nothing. With n_c = Σ_k o_ck and n = Σ_c n_c (the pairable values):
 *
 *   α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k
 *
 * The service gets o_ck from SQL (per-unit label counts n_uc: o_cc += n_uc(n_uc − 1)/(m_u − 1) and
 * o_ck += n_uc · n_uk/(m_u − 1) for c ≠ k), so no verdict row is loaded into memory.
 */
export interface Coincidence {
  a: string;
  b: string;
  /** o_ab; the matrix is symmetric, so (a, b) and (b, a) both appear. */
  count: number;
}

/** Null when undefined: no pairable values, or every pairable value is the same (no variation to agree on). */
export function nominalAlpha(coincidences: readonly Coincidence[]): number | null {
  const marginals = new Map<string, number>();
  let disagreeing = 0;
  for (const { a, b, count } of coincidences) {
    marginals.set(a, (marginals.get(a) ?? 0) + count);
    if (a !== b) disagreeing += count;
  }
  const nc = [...marginals.values()];
  const n = nc.reduce((sum, x) => sum + x, 0);
  // Σ_{c≠k} n_c n_k = n² − Σ_c n_c²
  const expectedDisagreeing = n * n - nc.reduce((sum, x) => sum + x * x, 0);
  // Tolerance: the counts are sums of fractions 1/(m_u − 1) computed in floating point.
  if (n === 0 || expectedDisagreeing <= 1e-9) return null;
  return 1 - ((n - 1) * disagreeing) / expectedDisagreeing;
}

/** The coincidence matrix of units given as their raters' values (null or undefined: that rater gave none). */
export function coincidencesOf(units: readonly (readonly (string | number | null | undefined)[])[]): Coincidence[] {
  const o = new Map<string, Coincidence>();
  for (const unit of units) {
    const values = unit.filter((v): v is string | number => v !== null && v !== undefined).map(String);
    if (values.length < 2) continue;
    values.forEach((a, i) =>
      values.forEach((b, j) => {
        if (i === j) return;
        const key = JSON.stringify([a, b]);
        const cell = o.get(key) ?? { a, b, count: 0 };
        cell.count += 1 / (values.length - 1);
        o.set(key, cell);
      }),
    );
  }
  return [...o.values()];
}
