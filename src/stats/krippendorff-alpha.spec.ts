import { coincidencesOf, nominalAlpha } from './krippendorff-alpha';

const _ = null;

describe('nominalAlpha', () => {
  it('should give 0.743 on the 4 observers × 12 units example with missing values', () => {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C (nominal data, any number of
    // observers, missing values): published nominal α = 0.743. Unit 12 has one value and is not pairable.
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
    const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
    const units = A.map((_v, u) => [A[u], B[u], C[u], D[u]]);
    expect(nominalAlpha(coincidencesOf(units))).toBeCloseTo(0.743, 3);
  });

  it('should give 0.095 on the binary two-observer example', () => {
    // Krippendorff (2011), section A (binary data, two observers, no missing data): o_00 = 10, o_01 = o_10 = 4,
    // o_11 = 2, n = 20, α = 1 − 19 · 4 / (14 · 6) = 0.095 as published.
    const A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const o = coincidencesOf(A.map((a, u) => [a, B[u]]));
    expect(o.find((c) => c.a === '0' && c.b === '0')?.count).toBe(10);
    expect(o.find((c) => c.a === '0' && c.b === '1')?.count).toBe(4);
    expect(o.find((c) => c.a === '1' && c.b === '1')?.count).toBe(2);
    expect(nominalAlpha(o)).toBeCloseTo(0.095, 3);
  });

  it('should give 1 for perfect agreement with some variation', () => {
    expect(
      nominalAlpha(
        coincidencesOf([
          ['x', 'x'],
          ['y', 'y', 'y'],
        ]),
      ),
    ).toBe(1);
  });

  it('should be null without pairable units, and null when every value is the same', () => {
    expect(nominalAlpha([])).toBeNull();
    expect(nominalAlpha(coincidencesOf([['x'], [_, 'y']]))).toBeNull();
    expect(
      nominalAlpha(
        coincidencesOf([
          ['x', 'x'],
          ['x', 'x', 'x'],
        ]),
      ),
    ).toBeNull();
  });

  it('should weigh each pairable unit by 1 / (m_u − 1)', () => {
    // Hand-derived: unit (x, x, y) gives o_xx = 2·1/2 = 1, o_xy = o_yx = 2·1/2 = 1; unit (y, y) gives o_yy = 2.
    // n_x = 2, n_y = 3, n = 5: α = 1 − 4 · 2 / (25 − 4 − 9) = 1 − 8/12 = 1/3.
    const o = coincidencesOf([
      ['x', 'x', 'y'],
      ['y', 'y'],
    ]);
    expect(o.find((c) => c.a === 'x' && c.b === 'y')?.count).toBe(1);
    expect(nominalAlpha(o)).toBeCloseTo(1 / 3, 12);
  });
});
