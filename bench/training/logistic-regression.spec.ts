import { seededRandom } from '../lib/seeded-random';
import { fitDenseLogistic, shuffled, sigmoid, trainSparseLogistic } from './logistic-regression';

const sparse = (pairs: [number, number][]) => ({
  index: Int32Array.from(pairs.map((p) => p[0])),
  value: Float32Array.from(pairs.map((p) => p[1])),
});

describe('logistic regression', () => {
  it('should learn which sparse feature marks the positives', () => {
    const examples = Array.from({ length: 40 }, (_, i) => ({
      x: sparse([
        [i % 2, 1],
        [2, 1],
      ]),
      y: (i % 2) as 0 | 1,
      weight: 1,
    }));
    const w = trainSparseLogistic(examples, { dimensions: 3, epochs: 20, learningRate: 0.5, l2: 0, seed: 1 });
    expect(w[1]).toBeGreaterThan(w[0] + 1);
    expect(sigmoid(w[1] + w[2])).toBeGreaterThan(0.8);
  });

  it('should recover a known slope and intercept (Platt scaling)', () => {
    const inputs: number[][] = [];
    const labels: (0 | 1)[] = [];
    const random = seededRandom(7);
    for (let i = 0; i < 4000; i++) {
      const x = random() * 8 - 4;
      inputs.push([x]);
      labels.push(random() < sigmoid(2 * x - 1) ? 1 : 0);
    }
    const [a, b] = fitDenseLogistic(inputs, labels, 0);
    expect(a).toBeCloseTo(2, 0);
    expect(b).toBeCloseTo(-1, 0);
  });

  it('should shuffle the same way for the same seed', () => {
    expect(shuffled([1, 2, 3, 4, 5, 6], seededRandom(3))).toEqual(shuffled([1, 2, 3, 4, 5, 6], seededRandom(3)));
  });
});
