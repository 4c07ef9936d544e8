import { createHash } from 'node:crypto';
import { ClaimFeatureVector, computeClaimFeatures } from '../claim-features';
import { detectHeadlines } from '../headline-detector';
import { SCORING_WEIGHTS, scoreFeatures } from '../scoring-weights';
import { SentenceSpan, TokenTable } from '../sentence-splitter';
import { attributeSpeakers } from '../speaker-attribution';

/**
 * What the check-worthiness model sees of a sentence: hashed word 1-2 grams and character n-grams of
 * its own text (tf-idf weighted), the rule features of claim-features.ts (and the rules' logit), and its context in the
 * document (the neighbours' rule logits and speech-act cues, position, quote, speaker, headline).
 * Changing anything here changes FEATURE_CONFIG's hash, and the committed artifact then no longer loads
 * in the tests until `npm run train:extraction` is run again.
 */
export const FEATURE_CONFIG = {
  version: 3,
  hashBits: 18,
  wordNgrams: [1, 2],
  charNgrams: [3, 5] as readonly [number, number],
  /** tf damped to 1 + ln tf */
  sublinearTf: false,
  /** grams weighted by their inverse document frequency in the training rows (kept in the artifact) */
  idf: false,
  ruleFeatures: Object.keys(SCORING_WEIGHTS) as (keyof ClaimFeatureVector)[],
  contextFeatures: [
    'rulesLogit',
    'prevRulesLogit',
    'nextRulesLogit',
    'prevQuestion',
    'nextQuestion',
    'hasPrev',
    'hasNext',
    'relativePosition',
    'firstInParagraph',
    'inQuote',
    'speakerPresent',
    'isHeadline',
    'bias',
  ],
} as const;

export const HASH_DIMENSIONS = 1 << FEATURE_CONFIG.hashBits;
/** Dense features sit after the hashed block. */
export const DENSE_NAMES: readonly string[] = [...FEATURE_CONFIG.ruleFeatures, ...FEATURE_CONFIG.contextFeatures];
export const DIMENSIONS = HASH_DIMENSIONS + DENSE_NAMES.length;

/** The committed config's gram settings, with the idf table a trained artifact carries (ignored when idf is off). */
export function gramSettings(idf: ArrayLike<number> | null): GramSettings {
  const { hashBits, charNgrams, sublinearTf } = FEATURE_CONFIG;
  return { hashBits, charNgrams, sublinearTf, idf: FEATURE_CONFIG.idf ? idf : null };
}

export function featureConfigHash(): string {
  return createHash('sha256').update(JSON.stringify(FEATURE_CONFIG)).digest('hex');
}

/** A sparse vector: sorted unique indices and their values. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

export interface SentenceContext {
  rules: ClaimFeatureVector;
  rulesLogit: number;
  prev: { rulesLogit: number; question: number } | null;
  next: { rulesLogit: number; question: number } | null;
  relativePosition: number;
  firstInParagraph: boolean;
  inQuote: boolean;
  speakerPresent: boolean;
  isHeadline: boolean;
}

export interface RuleScored {
  rules: ClaimFeatureVector;
  rulesLogit: number;
}

export function scoreRules(t: TokenTable, s: SentenceSpan): RuleScored {
  const rules = computeClaimFeatures(t, s);
  return { rules, rulesLogit: scoreFeatures(rules).logit };
}

const OPENING_QUOTES = new Set(['“', '«']);
const CLOSING_QUOTES = new Set(['”', '»']);

/**
 * Whether each span lies inside quotation marks: a span opening with a quote mark, or one starting while a quote
 * opened earlier in its paragraph is still open. Only double quotes count: single ones nest inside them ("his
 * Western ‘friends’") and double as apostrophes. Straight double quotes toggle.
 */
export function quoteStates(
  body: string,
  spans: readonly { start: number; end: number; paragraph: number }[],
): boolean[] {
  let open = false;
  let paragraph = -1;
  let cursor = 0;
  return spans.map((s) => {
    if (s.paragraph !== paragraph) {
      open = false;
      paragraph = s.paragraph;
      cursor = s.start;
    }
    for (; cursor < s.start; cursor++) open = toggles(body, cursor, open);
    const startsQuoted = /^\s*["“«]/.test(body.slice(s.start, s.start + 3));
    const inside = open || startsQuoted;
    for (; cursor < s.end; cursor++) open = toggles(body, cursor, open);
    return inside;
  });
}

function toggles(body: string, i: number, open: boolean): boolean {
  const c = body[i];
  if (OPENING_QUOTES.has(c)) return true;
  if (CLOSING_QUOTES.has(c)) return false;
  if (c === '"') return !open;
  return open;
}

/** Context of each span from its neighbours' rule scores and its place in the document. */
export function buildContexts(
  body: string,
  spans: readonly { start: number; end: number; paragraph: number }[],
  scored: readonly RuleScored[],
  speakers: readonly (string | null)[],
  headlines: readonly boolean[],
): SentenceContext[] {
  const quoted = quoteStates(body, spans);
  const n = spans.length;
  const neighbour = (k: number) =>
    k >= 0 && k < n ? { rulesLogit: scored[k].rulesLogit, question: scored[k].rules.question } : null;
  return spans.map((s, k) => ({
    ...scored[k],
    prev: neighbour(k - 1),
    next: neighbour(k + 1),
    relativePosition: n > 1 ? k / (n - 1) : 0,
    firstInParagraph: k === 0 || spans[k - 1].paragraph !== s.paragraph,
    inQuote: quoted[k],
    speakerPresent: speakers[k] !== null,
    isHeadline: headlines[k],
  }));
}

/**
 * News cues the debate-trained weights cannot learn (the training sentences have no quotes and few forecasts):
 * a quote with no number, date or event is a speaker's view, and a forecast or guess with none of them is not
 * yet checkable (unless a past event is reported beside it). The shipped scorer subtracts fixed priors for them (TRAINING_CONFIG.newsPriors).
 */
export function newsCues(ctx: SentenceContext): { opinionQuote: number; forecast: number } {
  const r = ctx.rules;
  const fact = r.quantity + r.percentOrMoney + r.dateOrTime > 0;
  return {
    opinionQuote: ctx.inQuote && !fact && r.eventVerb === 0 ? 1 : 0,
    forecast: !fact && r.pastOrPerfect === 0 && (r.future > 0 || r.modalSpeculation > 0 || r.hypothetical > 0) ? 1 : 0,
  };
}

export interface AnalyzedSpans {
  speakers: (string | null)[];
  headlines: boolean[];
  contexts: SentenceContext[];
}

/** Everything but the grams, for spans of one document: the extractor's sentences, or the trainer's dataset rows. */
export function analyzeSpans(body: string, t: TokenTable, spans: SentenceSpan[]): AnalyzedSpans {
  const speakers = attributeSpeakers(body, t, spans);
  const headlines = detectHeadlines(spans);
  const contexts = buildContexts(
    body,
    spans,
    spans.map((s) => scoreRules(t, s)),
    speakers,
    headlines,
  );
  return { speakers, headlines, contexts };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const BIGRAM_SALT = 0x9e3779b9;
const SPACE = 32;

/** A final avalanche (murmur3 fmix32), so that grams differing only in their last character spread over the buckets. */
function mix(h: number, salt: number): number {
  h = (h ^ salt) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Lower case, digits folded to 0 (so "1,200" and "3,400" share grams), curly apostrophes folded. */
export function normalizeForGrams(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'").replace(/\d/g, '0');
}

const WORD = /[\p{L}\p{N}']+|[?!%$€£]/gu;

/** How grams become a vector: bucket count, character gram lengths, tf damping, and the idf of each bucket. */
export interface GramSettings {
  hashBits: number;
  charNgrams: readonly [number, number];
  sublinearTf: boolean;
  /** inverse document frequency per bucket (length 2^hashBits), learnt from the training rows; null = all 1 */
  idf: ArrayLike<number> | null;
}

/** Bucket numbers of one sentence's grams, collected then sorted: counting by runs beats a hash-space scratch array. */
export class GramBuffer {
  private buckets = new Int32Array(4096);
  private size = 0;
  // Reused output: read before the next sentence overwrites it.
  index = new Int32Array(4096);
  value = new Float64Array(4096);
  length = 0;

  add(bucket: number): void {
    if (this.size === this.buckets.length) {
      const grown = new Int32Array(this.size * 2);
      grown.set(this.buckets);
      this.buckets = grown;
      this.index = new Int32Array(grown.length);
      this.value = new Float64Array(grown.length);
    }
    this.buckets[this.size++] = bucket;
  }

  /** Sorted distinct buckets into index/value as tf-idf (tf damped to 1 + ln tf if asked), L2-normalised; empties the buffer. */
  sortWeighted(settings: GramSettings): void {
    const sorted = this.buckets.subarray(0, this.size).sort();
    const { index, value } = this;
    let distinct = 0;
    for (let k = 0; k < sorted.length; k++) {
      if (distinct > 0 && index[distinct - 1] === sorted[k]) value[distinct - 1]++;
      else {
        index[distinct] = sorted[k];
        value[distinct++] = 1;
      }
    }
    const { idf, sublinearTf } = settings;
    let norm = 0;
    for (let k = 0; k < distinct; k++) {
      let v = sublinearTf ? 1 + Math.log(value[k]) : value[k];
      if (idf) v *= idf[index[k]];
      value[k] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < distinct; k++) value[k] /= norm;
    this.size = 0;
    this.length = distinct;
  }
}

/**
 * Feeds the hashed word 1-2 grams of a sentence to `words` and its character grams (of each word padded with
 * spaces, like scikit-learn's char_wb) to `chars`, as buckets of 2^hashBits.
 */
export function hashGrams(
  text: string,
  settings: Pick<GramSettings, 'hashBits' | 'charNgrams'>,
  words: GramBuffer,
  chars: GramBuffer,
): void {
  const tokens = normalizeForGrams(text).match(WORD) ?? [];
  const mask = (1 << settings.hashBits) - 1;
  const [minN, maxN] = settings.charNgrams;
  let previous = 0;
  for (let w = 0; w < tokens.length; w++) {
    const word = tokens[w];
    let h = FNV_OFFSET;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
    const unigram = h >>> 0;
    words.add(mix(unigram, 1) & mask);
    if (w > 0) words.add(mix(Math.imul(previous, 31) + unigram, BIGRAM_SALT) & mask);
    previous = unigram;
    const padded = word.length + 2;
    for (let start = 0; start + minN <= padded; start++) {
      let g = FNV_OFFSET;
      for (let n = 1; n <= maxN && start + n <= padded; n++) {
        const at = start + n - 1;
        const c = at === 0 || at === padded - 1 ? SPACE : word.charCodeAt(at - 1);
        g = Math.imul(g ^ c, FNV_PRIME);
        if (n >= minN) chars.add(mix(g >>> 0, n) & mask);
      }
    }
  }
}

const wordGrams = new GramBuffer();
const charGrams = new GramBuffer();

/**
 * Hashed grams and dense features of one sentence: each gram block tf-idf weighted and L2-normalised (so long
 * sentences do not dominate), then the dense features after the 2^hashBits hashed buckets.
 */
export function featurize(text: string, ctx: SentenceContext, settings: GramSettings): SparseVector {
  hashGrams(text, settings, wordGrams, charGrams);
  wordGrams.sortWeighted(settings);
  charGrams.sortWeighted(settings);
  const a = wordGrams,
    b = charGrams;
  const dense = denseValues(ctx);
  const hashDimensions = 1 << settings.hashBits;
  // Merge the two sorted blocks (a bucket both use gets the sum), then the dense features.
  const index = new Int32Array(a.length + b.length + dense.length);
  const value = new Float32Array(index.length);
  let i = 0,
    j = 0,
    k = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a.index[i] < b.index[j])) {
      index[k] = a.index[i];
      value[k++] = a.value[i++];
    } else if (i >= a.length || b.index[j] < a.index[i]) {
      index[k] = b.index[j];
      value[k++] = b.value[j++];
    } else {
      index[k] = a.index[i];
      value[k++] = a.value[i++] + b.value[j++];
    }
  }
  for (let d = 0; d < dense.length; d++) {
    index[k] = hashDimensions + d;
    value[k++] = dense[d];
  }
  return { index: index.subarray(0, k), value: value.subarray(0, k) };
}

/** Logits are divided by 4 so the dense block sits on the same scale as the normalised grams. */
function denseValues(ctx: SentenceContext): number[] {
  const rules = FEATURE_CONFIG.ruleFeatures.map((k) => ctx.rules[k]);
  return [
    ...rules,
    ctx.rulesLogit / 4,
    (ctx.prev?.rulesLogit ?? 0) / 4,
    (ctx.next?.rulesLogit ?? 0) / 4,
    ctx.prev?.question ?? 0,
    ctx.next?.question ?? 0,
    ctx.prev ? 1 : 0,
    ctx.next ? 1 : 0,
    ctx.relativePosition,
    ctx.firstInParagraph ? 1 : 0,
    ctx.inQuote ? 1 : 0,
    ctx.speakerPresent ? 1 : 0,
    ctx.isHeadline ? 1 : 0,
    1,
  ];
}
