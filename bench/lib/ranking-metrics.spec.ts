import { averagePrecision, mean, precisionAtK, precisionRecallF1, rankByScore } from './ranking-metrics';

describe('ranking metrics', () => {
  it('should rank by score and keep document order on ties', () => {
    expect(rankByScore([0.1, 0.9, 0.5, 0.9])).toEqual([1, 3, 2, 0]);
  });

  it('should compute average precision over all positives', () => {
    // ranked labels: 1 0 1 0 → (1/1 + 2/3) / 2
    expect(averagePrecision([0.9, 0.8, 0.7, 0.6], [true, false, true, false])).toBeCloseTo((1 + 2 / 3) / 2);
    expect(averagePrecision([0.9, 0.8], [false, false])).toBe(0);
  });

  it('should compute precision at k with k as the denominator', () => {
    expect(precisionAtK([0.9, 0.8, 0.7], [true, false, true], 2)).toBe(0.5);
    expect(precisionAtK([0.9, 0.8], [true, true], 5)).toBe(0.4);
  });

  it('should compute precision, recall and F1', () => {
    const r = precisionRecallF1([true, true, false, false], [true, false, true, false]);
    expect(r).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(precisionRecallF1([false], [true])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('should average an empty list to 0', () => {
    expect(mean([])).toBe(0);
    expect(mean([1, 2])).toBe(1.5);
  });
});
