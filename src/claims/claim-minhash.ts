/**
 * Locality-sensitive pre-filter for similarity linking. pg_trgm's `%` over a GIN index has to walk the posting
 * lists of every trigram of the claim, and templated news sentences share most of theirs (measured 7–18 ms per
 * claim at 10–24k claims). Instead each claim carries MinHash band keys over its content-word shingles; claims
 * sharing a key are candidates, and only those few get the exact pg_trgm similarity() against the threshold.
 *
 * A pair whose shingle sets have Jaccard J shares at least one band with probability 1 - (1 - J^r)^b
 * (r = 4, b = 20): J = 0.8 → 0.9999, 0.7 → 0.998, 0.6 → 0.94, 0.5 → 0.73, 0.4 → 0.41, 0.3 → 0.15, 0.1 → 0.002.
 * Measured on perturbed claims of bench/ingest's corpus and the seed article, among pairs with pg_trgm similarity
 * ≥ 0.6: a changed number 99.8% become candidates, two changed numbers 96%, a synonym 100%, synonym + number 97%,
 * a wire copy (dateline + "officials said") 99%, a dropped word 99%, a moved attribution 100%. The price is recall on
 * pairs pg_trgm rates ≥ 0.6 while sharing few whole words (e.g. the same template sentence about another place):
 * those are linked with the probability above, not always. r = 3, b = 10 compared three times as many candidates.
 */
export const MINHASH_ROWS = 4;
export const MINHASH_BANDS = 20;

const SEEDS = Array.from({ length: MINHASH_ROWS * MINHASH_BANDS }, (_, i) =>
  fmix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)),
);

/** Unigrams and bigrams of a normalized claim (see normalizeClaimText): word order counts, but only locally. */
export function claimShingles(normalized: string): string[] {
  const words = normalized.split(' ').filter(Boolean);
  const shingles = new Set(words);
  for (let i = 1; i < words.length; i++) shingles.add(`${words[i - 1]} ${words[i]}`);
  return [...shingles];
}

/** MINHASH_BANDS signed 32-bit keys (Postgres int4), each one band of MINHASH_ROWS minimums; [] for an empty text. */
export function minhashBands(normalized: string): number[] {
  const shingles = claimShingles(normalized);
  if (!shingles.length) return [];
  const hashes = shingles.map(fnv1a);
  const mins = new Array<number>(SEEDS.length).fill(0xffffffff);
  for (const h of hashes) {
    for (let i = 0; i < SEEDS.length; i++) {
      const v = fmix32(h ^ SEEDS[i]);
      if (v < mins[i]) mins[i] = v;
    }
  }
  const bands: number[] = [];
  for (let b = 0; b < MINHASH_BANDS; b++) {
    // The band number is mixed in so equal minimums in different bands never count as a shared band.
    let key = fmix32(b + 1);
    for (let r = 0; r < MINHASH_ROWS; r++) key = fmix32(Math.imul(key ^ mins[b * MINHASH_ROWS + r], 0x27d4eb2d));
    bands.push(key | 0);
  }
  return bands;
}

/** Probability that a pair with shingle Jaccard `j` shares at least one band. */
export function candidateProbability(j: number, rows = MINHASH_ROWS, bands = MINHASH_BANDS): number {
  return 1 - (1 - j ** rows) ** bands;
}

/** Jaccard similarity of two normalized texts' shingle sets (what the bands estimate). */
export function shingleJaccard(a: string, b: string): number {
  const x = new Set(claimShingles(a));
  const y = claimShingles(b);
  const shared = y.filter((s) => x.has(s)).length;
  const union = x.size + y.length - shared;
  return union ? shared / union : 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** MurmurHash3's finalizer: a bijection on 32 bits that mixes every input bit into every output bit. */
function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
