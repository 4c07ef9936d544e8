import { join } from 'node:path';
import { inverseDocumentFrequencies, trainModel } from '../../bench/training/train-model';
import { AnalyzedRow, DatasetSplit } from '../../bench/training/training-set';
import { ClaimExtractor } from '../../src/extraction/claim-extractor';
import {
  CheckWorthinessModel,
  configHash,
  decodeIdf,
  encodeIdf,
  getCheckWorthinessModel,
  neighbourTerms,
  quantizeIdf,
  TRAINING_CONFIG,
} from '../../src/extraction/model/check-worthiness-model';
import { GramBuffer, GramSettings, hashGrams } from '../../src/extraction/model/featurizer';
import { FIXTURES_DIR } from '../support/gold-fixture';

const MINI = join(FIXTURES_DIR, 'training-mini');
const MINI_SPLITS: DatasetSplit[] = [
  { set: 'clef2020-task5-debates', split: 'train', use: 'train', documents: true },
  { set: 'ct24-checkworthy-english', split: 'train', use: 'train', documents: false },
  { set: 'ct24-checkworthy-english', split: 'dev', use: 'dev', documents: false },
];

describe('the committed check-worthiness model', () => {
  const model = getCheckWorthinessModel();

  it('should have been trained under the current feature and training configs (else: npm run train:extraction)', () => {
    expect(model.artifact.configHash).toBe(configHash());
    expect(model.isCurrent).toBe(true);
  });

  it('should record the hash of its training data and a calibrated threshold in (0, 1)', () => {
    expect(model.artifact.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(model.artifact.threshold).toBeGreaterThan(0);
    expect(model.artifact.threshold).toBeLessThan(1);
    expect(model.artifact.data.some((d) => d.use === 'train' && d.positives > 0)).toBe(true);
  });

  it('should tell a stale artifact from a current one', () => {
    const stale = new CheckWorthinessModel({
      ...model.artifact,
      configHash: configHash({ ...TRAINING_CONFIG, epochs: TRAINING_CONFIG.epochs + 1 }),
    });
    expect(stale.isCurrent).toBe(false);
  });

  it('should refuse an artifact of another shape', () => {
    expect(() => new CheckWorthinessModel({ ...model.artifact, dimensions: 12 })).toThrow(/dimensions/);
  });

  it('should score facts above the threshold and a quoted opinion, an appeal and a forecast below it', () => {
    const sut = new ClaimExtractor();
    const scoreOf = (text: string): number => sut.extract(text).find((s) => s.text.length > 20)!.score;
    expect(scoreOf('Officials said the strike killed 12 people in Kharkiv on Monday.')).toBeGreaterThan(sut.threshold);
    expect(scoreOf('“Nobody should be treated like that,” the minister said.')).toBeLessThan(sut.threshold);
    expect(scoreOf('Please help us save our children.')).toBeLessThan(sut.threshold);
    expect(scoreOf('Harris will travel to Switzerland to underscore Washington’s commitment to peace.')).toBeLessThan(
      sut.threshold,
    );
  });
});

describe('the neighbour term of a sentence in a document', () => {
  it('should be the mean of the ±window neighbours centred on the document mean, a missing one counting as the mean', () => {
    // mean 2: centred logits -2, -2, 4, 0, 0
    expect(neighbourTerms([0, 0, 6, 2, 2], 1)).toEqual([-1, 1, -1, 2, 0]);
    expect(neighbourTerms([0, 0, 6, 2, 2], 2)[2]).toBeCloseTo((-2 - 2 + 0 + 0) / 4, 10);
  });

  it('should give a one-sentence document, and a document of equal logits, no neighbour term', () => {
    expect(neighbourTerms([3.5], 2)).toEqual([0]);
    expect(neighbourTerms([1, 1, 1], 2)).toEqual([0, 0, 0]);
  });

  it('should lift a sentence among check-worthy neighbours above the same sentence alone', () => {
    const { artifact } = getCheckWorthinessModel();
    expect(artifact.context.weight).toBeGreaterThan(0);
    const model = getCheckWorthinessModel();
    expect(model.inDocument([4, 0, 4, -4, -4])[1]).toBeGreaterThan(model.inDocument([-4, 0, -4, 4, 4])[1]);
  });
});

describe('training the model', () => {
  it('should give the same artifact twice from the same data and config', () => {
    const first = trainModel(MINI, TRAINING_CONFIG, MINI_SPLITS).artifact;
    const second = trainModel(MINI, TRAINING_CONFIG, MINI_SPLITS).artifact;
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.configHash).toBe(configHash());
    expect(first.data.map((d) => d.kept)).toEqual([6, 10, 12]);
  });
});

describe('tf-idf weighting of the grams', () => {
  const settings: GramSettings = { hashBits: 18, charNgrams: [3, 5], sublinearTf: true, idf: null };
  const unigramBucket = (word: string): number => {
    const words = new GramBuffer();
    hashGrams(word, settings, words, new GramBuffer());
    words.sortWeighted(settings);
    return words.index[0];
  };

  it('should give a word in every row idf 1 and a rarer one more (smoothed, as scikit-learn)', () => {
    const rows = ['the cat sat', 'the dog ran', 'the cow ate'].map((spanText) => ({ spanText }) as AnalyzedRow);
    const idf = inverseDocumentFrequencies(rows, settings);
    expect(idf[unigramBucket('the')]).toBeCloseTo(1, 6);
    expect(idf[unigramBucket('cat')]).toBeCloseTo(Math.log(4 / 2) + 1, 6);
  });

  it('should weigh a rare gram above a common one within a sentence and keep the vector L2-normalised', () => {
    const idf = new Float64Array(1 << settings.hashBits).fill(1);
    idf[unigramBucket('cat')] = 3;
    const words = new GramBuffer();
    hashGrams('the cat', settings, words, new GramBuffer());
    words.sortWeighted({ ...settings, idf });
    const value = (bucket: number): number =>
      words.value[Array.from(words.index.subarray(0, words.length)).indexOf(bucket)];
    expect(value(unigramBucket('cat'))).toBeCloseTo(3 * value(unigramBucket('the')), 5);
    const norm = Math.hypot(...Array.from(words.value.subarray(0, words.length)));
    expect(norm).toBeCloseTo(1, 6);
  });

  it('should store the idf table in one byte per bucket to within 1/32', () => {
    const idf = [1, 1.6931, 7.25, 11.3];
    decodeIdf(encodeIdf(quantizeIdf(idf))).forEach((v, k) => expect(Math.abs(v - idf[k])).toBeLessThanOrEqual(1 / 32));
  });
});
