import { cohenKappa, pooledKappa } from './cohen-kappa';

describe('cohenKappa', () => {
  it('should give 0.4 on the yes/no example of 50 grant proposals', () => {
    // Wikipedia, "Cohen's kappa", worked example: both yes 20, A yes/B no 5, A no/B yes 10, both no 15;
    // p_o = 0.7, p_e = 0.5, published κ = 0.4.
    expect(
      cohenKappa([
        [20, 5],
        [10, 15],
      ]),
    ).toEqual({ n: 50, observed: 0.7, expected: 0.5, kappa: expect.closeTo(0.4, 12) });
  });

  it('should give 0.1304 and 0.2593 on the two tables with the same 60 % agreement', () => {
    // Wikipedia, "Cohen's kappa", section "Same percentages but different numbers": [[45, 15], [25, 15]] has
    // published κ = 0.1304 and [[25, 35], [5, 35]] has published κ = 0.2593 (both with p_o = 0.60).
    expect(
      cohenKappa([
        [45, 15],
        [25, 15],
      ]).kappa,
    ).toBeCloseTo(0.1304, 4);
    expect(
      cohenKappa([
        [25, 35],
        [5, 35],
      ]).kappa,
    ).toBeCloseTo(0.2593, 4);
  });

  it('should handle three categories', () => {
    // Hand-derived: n = 10, p_o = (2 + 3 + 1) / 10 = 0.6; rows 4, 4, 2 and columns 3, 5, 2 give
    // p_e = (12 + 20 + 4) / 100 = 0.36; κ = 0.24 / 0.64 = 0.375.
    expect(
      cohenKappa([
        [2, 1, 1],
        [1, 3, 0],
        [0, 1, 1],
      ]).kappa,
    ).toBeCloseTo(0.375, 12);
  });

  it('should not depend on which rater comes first', () => {
    expect(
      cohenKappa([
        [10, 4],
        [7, 9],
      ]).kappa,
    ).toBeCloseTo(
      cohenKappa([
        [10, 7],
        [4, 9],
      ]).kappa!,
      12,
    );
  });

  it('should give -1 for systematic disagreement between two balanced raters', () => {
    expect(
      cohenKappa([
        [0, 5],
        [5, 0],
      ]).kappa,
    ).toBeCloseTo(-1, 12);
  });

  it('should be null without units, and null when both raters only ever used the same one label', () => {
    expect(
      cohenKappa([
        [0, 0],
        [0, 0],
      ]),
    ).toEqual({ n: 0, observed: null, expected: null, kappa: null });
    expect(
      cohenKappa([
        [7, 0],
        [0, 0],
      ]),
    ).toEqual({ n: 7, observed: 1, expected: 1, kappa: null });
  });
});

describe('pooledKappa', () => {
  it('should weigh pairs by their shared units and leave out undefined kappas', () => {
    expect(
      pooledKappa([
        { n: 10, kappa: 0.5 },
        { n: 30, kappa: 0.1 },
        { n: 50, kappa: null },
      ]),
    ).toEqual({ kappa: expect.closeTo(0.2, 12), pairs: 2, n: 40 });
  });

  it('should be null without pairs', () => {
    expect(pooledKappa([])).toEqual({ kappa: null, pairs: 0, n: 0 });
  });
});
