import { ClaimExtractor } from './claim-extractor';

describe('ClaimExtractor', () => {
  const sut = new ClaimExtractor();
  const scoreOf = (text: string): number => sut.extract(text)[0].score;

  it('should score factual sentences with quantities and named sources as claims', () => {
    const [s] = sut.extract('Officials said the strike killed 12 people in Kharkiv on Monday.');
    expect(s.isClaim).toBe(true);
    expect(s.score).toBeGreaterThan(0.8);
    expect(s.features).toMatchObject({ attribution: 1, eventVerb: expect.any(Number) });
  });

  it.each([
    ['a question', 'What are we going to do about the border?'],
    ['an imperative', 'Help us protect our children.'],
    ['an appeal', 'I appeal to everyone here to stand with us.'],
    ['a byline', 'Reporting by Jane Doe and John Roe'],
    ['a first-person opinion', 'I think this is a very bad idea.'],
    ['a list fragment without a verb', 'A hospital and a clinic.'],
    ['modal speculation', 'They might change their minds.'],
  ])('should score %s low', (_kind, text) => {
    expect(scoreOf(text)).toBeLessThan(sut.threshold);
  });

  it('should keep scores in [0,1] and expose the logit in the features', () => {
    for (const s of sut.extract('Yes. In 2020, exports rose 40 percent to $2.5 trillion, the ministry said.')) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(typeof s.features.logit).toBe('number');
    }
  });

  it('should mark a section headline and never make it a claim', () => {
    const out = sut.extract(
      'Six killed in Kharkiv strike\nA Russian strike killed six people in Kharkiv on Monday, officials said.',
    );
    expect(out[0]).toMatchObject({ isHeadline: true, isClaim: false });
    expect(out[1]).toMatchObject({ isHeadline: false, isClaim: true });
  });

  it('should respect a configured threshold', () => {
    const text = 'Officials said the strike killed 12 people in Kharkiv on Monday.';
    expect(new ClaimExtractor({ threshold: 0.999999 }).extract(text)[0].isClaim).toBe(false);
    expect(new ClaimExtractor({ threshold: 0 }).extract(text)[0].isClaim).toBe(true);
  });

  it('should return an empty list for an empty body', () => {
    expect(sut.extract('')).toEqual([]);
  });
});
