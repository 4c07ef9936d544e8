import { SparseVector } from '../../src/extraction/model/featurizer';
import { seededRandom } from '../lib/seeded-random';

export interface WeightedExample {
  x: SparseVector;
  /** 1 = check-worthy */
  y: 0 | 1;
  /** loss weight (class and dataset balance) */
  weight: number;
}

export interface SgdOptions {
  dimensions: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function dot(w: ArrayLike<number>, x: SparseVector): number {
  let z = 0;
  for (let k = 0; k < x.index.length; k++) z += w[x.index[k]] * x.value[k];
  return z;
}

/**
 * Weighted logistic regression over sparse vectors by AdaGrad SGD; the L2 penalty is applied to the coordinates an
 * example touches (lazy regularisation: untouched hashed buckets stay at zero, which is what they should be).
 * Hashed grams are too many for a dense solver; the examples are visited in a seeded order each epoch.
 */
export function trainSparseLogistic(examples: readonly WeightedExample[], options: SgdOptions): Float64Array {
  const w = new Float64Array(options.dimensions);
  const g2 = new Float64Array(options.dimensions);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const ex of shuffled(examples, random)) {
      const err = (sigmoid(dot(w, ex.x)) - ex.y) * ex.weight;
      for (let k = 0; k < ex.x.index.length; k++) {
        const i = ex.x.index[k];
        const g = err * ex.x.value[k] + options.l2 * w[i];
        g2[i] += g * g;
        w[i] -= (options.learningRate * g) / (Math.sqrt(g2[i]) + 1e-8);
      }
    }
  }
  return w;
}

/**
 * Small dense logistic regression by Newton's method (IRLS) with a little L2 on the non-intercept weights:
 * Platt scaling (one input) and the rules/model combination (two inputs). Returns [w1..wn, intercept].
 */
export function fitDenseLogistic(
  inputs: readonly number[][],
  labels: readonly (0 | 1)[],
  l2 = 1e-3,
  iterations = 50,
): number[] {
  const n = (inputs[0]?.length ?? 0) + 1;
  const beta = new Array<number>(n).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(n).fill(0);
    const hess = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    inputs.forEach((row, r) => {
      const x = [...row, 1];
      const p = sigmoid(x.reduce((z, v, j) => z + v * beta[j], 0));
      const s = p * (1 - p);
      for (let a = 0; a < n; a++) {
        grad[a] += (p - labels[r]) * x[a];
        for (let b = 0; b < n; b++) hess[a][b] += s * x[a] * x[b];
      }
    });
    for (let a = 0; a < n - 1; a++) {
      grad[a] += l2 * inputs.length * beta[a];
      hess[a][a] += l2 * inputs.length;
    }
    hess[n - 1][n - 1] += 1e-9;
    const step = solve(hess, grad);
    let change = 0;
    for (let a = 0; a < n; a++) {
      beta[a] -= step[a];
      change = Math.max(change, Math.abs(step[a]));
    }
    if (change < 1e-10) break;
  }
  return beta;
}

/** Gaussian elimination with partial pivoting, for the tiny Newton systems above. */
function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || m[c][c] === 0) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}
