import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  DIMENSIONS,
  FEATURE_CONFIG,
  featurize,
  GramSettings,
  gramSettings,
  HASH_DIMENSIONS,
  newsCues,
  SentenceContext,
  SparseVector,
} from './featurizer';

/** How the trainer was run; part of the config hash, so a change here means retraining. */
export const TRAINING_CONFIG = {
  seed: 20190607,
  /**
   * The weights are the mean of this many SGD runs, each visiting the rows in its own seeded order (seed, seed + 1,
   * …): one shuffle moved the CLEF dev MAPs by up to 0.04; the mean of five is one linear model of the same size.
   */
  sgdOrders: 5,
  epochs: 20,
  learningRate: 0.02,
  l2: 1e-6,
  /** positives and negatives of each training set are weighted to these shares of the loss */
  positiveShare: 0.5,
  /**
   * Weight of the debate transcripts (CLEF sets) against the isolated ClaimBuster/CT24 sentences: 0.2 was best on
   * the ct24 dev split without losing clef2020 dev MAP (tried 0.1, 0.2, 0.3, 1).
   */
  setWeights: { 'clef2020-task5-debates': 0.2, 'clef2019-task1-train': 0.2 } as Readonly<Record<string, number>>,
  /**
   * Check-worthy sentences come in runs (in the CLEF transcripts a positive's neighbour is positive ten times the base
   * rate): a sentence's logit gains a weight times the mean of its ±contextWindow neighbours' logits (centred on the
   * document's mean). The weight is fitted on a dev split of documents (train-model.ts CONTEXT_SPLIT); 2 beat 1 and 3.
   */
  contextWindow: 2,
  /** logits added to the shipped score for news cues (featurizer.ts newsCues); set by hand, not fitted */
  newsPriors: { opinionQuote: -2, forecast: -1.5 },
  /**
   * The shipped threshold is the lowest probability reaching this precision on ct24 dev (isolated sentences, 21 %
   * positive, the closest to news we have): a reviewer's queue should hold few sentences that are not claims.
   */
  thresholdPrecision: 0.9,
} as const;

export type TrainingConfig = {
  -readonly [K in keyof typeof TRAINING_CONFIG]: (typeof TRAINING_CONFIG)[K] extends number
    ? number
    : (typeof TRAINING_CONFIG)[K];
};

export interface ModelArtifact {
  format: 'check-worthiness-linear/1';
  /** sha-256 of the feature and training configs the weights were trained under */
  configHash: string;
  /** sha-256 of the deduplicated training rows (label and text, in order) */
  dataHash: string;
  featureConfig: typeof FEATURE_CONFIG;
  trainingConfig: TrainingConfig;
  dimensions: number;
  /** little-endian float32, base64: hashed grams then the dense features */
  weights: string;
  /** idf per hashed bucket as uint8 sixteenths, base64 (featureConfig.idf); absent when grams are not idf-weighted */
  idf?: string;
  /** the neighbour term of a sentence's logit in a document (see neighbourTerms); weight fitted on a dev split */
  context: { window: number; weight: number };
  /** Platt scaling of the (neighbour-adjusted) logit, fitted on the dev split */
  platt: { a: number; b: number };
  /** the shipped score: logistic(model·logit + rules·rulesLogit + bias + news priors), fitted on the dev split */
  combination: { model: number; rules: number; bias: number };
  threshold: number;
  data: { set: string; split: string; rows: number; kept: number; positives: number; use: 'train' | 'dev' }[];
  devMetrics: Record<string, Record<string, number>>;
}

export function configHash(trainingConfig: TrainingConfig = TRAINING_CONFIG): string {
  return createHash('sha256')
    .update(JSON.stringify({ feature: FEATURE_CONFIG, training: trainingConfig }))
    .digest('hex');
}

export function encodeWeights(weights: ArrayLike<number>): string {
  const f32 = Float32Array.from(weights);
  return Buffer.from(f32.buffer, f32.byteOffset, f32.byteLength).toString('base64');
}

/** idf values are stored as sixteenths in one byte each: 1/32 of rounding is far below what a weight resolves. */
const IDF_SCALE = 16;

export function quantizeIdf(idf: ArrayLike<number>): Uint8Array {
  return Uint8Array.from(idf, (v) => Math.min(255, Math.round(v * IDF_SCALE)));
}

export function encodeIdf(quantized: Uint8Array): string {
  return Buffer.from(quantized.buffer, quantized.byteOffset, quantized.byteLength).toString('base64');
}

export function decodeIdf(encoded: string): Float32Array {
  return Float32Array.from(Buffer.from(encoded, 'base64'), (q) => q / IDF_SCALE);
}

/** A linear check-worthiness model read from its artifact; scoring is one sparse dot product. */
export class CheckWorthinessModel {
  private readonly weights: Float32Array;
  readonly grams: GramSettings;

  constructor(readonly artifact: ModelArtifact) {
    if (artifact.format !== 'check-worthiness-linear/1')
      throw new Error(`Unknown model format ${String(artifact.format)}`);
    if (artifact.dimensions !== DIMENSIONS) {
      throw new Error(
        `Model has ${artifact.dimensions} dimensions, the featurizer ${DIMENSIONS}: run npm run train:extraction`,
      );
    }
    const bytes = Buffer.from(artifact.weights, 'base64');
    this.weights = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (this.weights.length !== DIMENSIONS) throw new Error('Model weights are truncated');
    const idf = artifact.idf ? decodeIdf(artifact.idf) : null;
    if (FEATURE_CONFIG.idf && idf?.length !== HASH_DIMENSIONS)
      throw new Error('Model idf table is missing or truncated: run npm run train:extraction');
    this.grams = gramSettings(idf);
  }

  static load(path: string): CheckWorthinessModel {
    return new CheckWorthinessModel(JSON.parse(readFileSync(path, 'utf8')) as ModelArtifact);
  }

  /** Whether the artifact was trained under the current feature and training configs. */
  get isCurrent(): boolean {
    return this.artifact.configHash === configHash();
  }

  /** The model's logit for one sentence in its context, before its neighbours' logits are taken into account. */
  score(text: string, ctx: SentenceContext): number {
    return this.logit(featurize(text, ctx, this.grams));
  }

  /** A document's sentence logits (in order) with the neighbour term added: what the probabilities are computed from. */
  inDocument(logits: readonly number[]): number[] {
    return withNeighbours(logits, this.artifact.context);
  }

  logit(x: SparseVector): number {
    let z = 0;
    for (let k = 0; k < x.index.length; k++) z += this.weights[x.index[k]] * x.value[k];
    return z;
  }

  /** Calibrated probability of the model alone. */
  modelProbability(logit: number): number {
    return logistic(this.artifact.platt.a * logit + this.artifact.platt.b);
  }

  /** Calibrated probability of the shipped combination of the model, the rules and the news priors. */
  shippedProbability(logit: number, ctx: SentenceContext): number {
    return logistic(shippedLogit(this.artifact, logit, ctx));
  }
}

export function shippedLogit(
  artifact: Pick<ModelArtifact, 'combination' | 'trainingConfig'>,
  logit: number,
  ctx: SentenceContext,
): number {
  const c = artifact.combination;
  const cues = newsCues(ctx);
  const priors = artifact.trainingConfig.newsPriors;
  return (
    c.model * logit +
    c.rules * ctx.rulesLogit +
    c.bias +
    priors.opinionQuote * cues.opinionQuote +
    priors.forecast * cues.forecast
  );
}

/**
 * For each sentence of a document, the mean of its ±window neighbours' logits minus the document's mean logit (a
 * missing neighbour, at either end, counts as the mean). Centring keeps the term from lifting or sinking a whole
 * document: it only moves a sentence towards the neighbourhood it sits in. A one-sentence document gets 0.
 */
export function neighbourTerms(logits: readonly number[], window: number): number[] {
  const n = logits.length;
  if (n < 2 || window < 1) return new Array<number>(n).fill(0);
  const mean = logits.reduce((s, z) => s + z, 0) / n;
  return logits.map((_, i) => {
    let sum = 0;
    for (let j = Math.max(0, i - window); j <= Math.min(n - 1, i + window); j++) if (j !== i) sum += logits[j] - mean;
    return sum / (2 * window);
  });
}

export function withNeighbours(logits: readonly number[], context: ModelArtifact['context']): number[] {
  const terms = neighbourTerms(logits, context.window);
  return logits.map((z, i) => z + context.weight * terms[i]);
}

function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

let shared: CheckWorthinessModel | undefined;

/**
 * The committed model, read on first use (~1.4 MB of JSON). committed-model.ts imports the artifact, so tsc copies it
 * into dist beside the code; it is required here, not imported, so a process that never extracts never parses it.
 */
export function getCheckWorthinessModel(): CheckWorthinessModel {
  shared ??= new CheckWorthinessModel(
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose (see above)
    (require('./committed-model') as typeof import('./committed-model')).COMMITTED_ARTIFACT,
  );
  return shared;
}
