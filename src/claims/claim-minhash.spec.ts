import { candidateProbability, claimShingles, MINHASH_BANDS, minhashBands, shingleJaccard } from './claim-minhash';
import { normalizeClaimText } from './claim-text';

const bandsOf = (text: string) => minhashBands(normalizeClaimText(text));
const shareBand = (a: string, b: string) => {
  const x = new Set(bandsOf(a));
  return bandsOf(b).some((k) => x.has(k));
};

describe('claim MinHash bands', () => {
  const claim =
    'Regional governor Oleh Kiper said that 24 drones were shot down over the Odesa region overnight on Tuesday.';

  it('should give MINHASH_BANDS signed 32-bit keys, the same for the same text', () => {
    const bands = bandsOf(claim);
    expect(bands).toHaveLength(MINHASH_BANDS);
    for (const k of bands) expect(Number.isInteger(k) && k >= -(2 ** 31) && k < 2 ** 31).toBe(true);
    expect(bandsOf(claim)).toEqual(bands);
  });

  it('should give no keys for a text without content words', () => {
    expect(bandsOf('It was, as he said, the')).toEqual([]);
  });

  it('should shingle unigrams and bigrams once each', () => {
    expect(claimShingles('drones shot down drones')).toEqual([
      'drones',
      'shot',
      'down',
      'drones shot',
      'shot down',
      'down drones',
    ]);
  });

  it('should make near duplicates candidates: a changed number, a reworded attribution, a wire copy', () => {
    expect(shareBand(claim, claim.replace('24', '25'))).toBe(true);
    expect(
      shareBand(
        claim,
        'Twenty-four drones were shot down over the Odesa region overnight on Tuesday, regional governor Oleh Kiper said.',
      ),
    ).toBe(true);
    expect(shareBand(claim, `ODESA (Reuters) - ${claim.replace(/\.$/, '')}, officials said.`)).toBe(true);
    expect(shareBand(claim, claim.replace('Tuesday', 'Wednesday'))).toBe(true);
  });

  it('should not make unrelated claims, or the same template with other facts, candidates', () => {
    expect(
      shareBand(claim, 'The central bank raised its key rate to 15 percent on Thursday, the highest level since 2015.'),
    ).toBe(false);
    expect(
      shareBand(
        claim,
        'Mayor Borys Filatov said that 12 houses were damaged in the Dnipro district overnight on Friday.',
      ),
    ).toBe(false);
  });

  it('should follow 1 - (1 - J^r)^b, steep around the threshold', () => {
    expect(candidateProbability(0.8)).toBeGreaterThan(0.99);
    expect(candidateProbability(0.6)).toBeGreaterThan(0.9);
    expect(candidateProbability(0.1)).toBeLessThan(0.02);
    expect(shingleJaccard('a b c', 'a b c')).toBe(1);
    expect(shingleJaccard('a b', 'c d')).toBe(0);
  });

  it('should find a pair with Jaccard J a candidate about as often as the formula says', () => {
    // 200 synthetic pairs of 10-word texts sharing 8 words: J over unigrams+bigrams is known per pair.
    let hits = 0;
    let expected = 0;
    for (let i = 0; i < 200; i++) {
      const words = Array.from({ length: 10 }, (_, k) => `w${i}x${k}`);
      const other = [...words];
      other[3] = `v${i}a`;
      other[7] = `v${i}b`;
      const [a, b] = [words.join(' '), other.join(' ')];
      const x = new Set(minhashBands(a));
      if (minhashBands(b).some((k) => x.has(k))) hits++;
      expected += candidateProbability(shingleJaccard(a, b));
    }
    expect(Math.abs(hits - expected)).toBeLessThan(25);
  });
});
