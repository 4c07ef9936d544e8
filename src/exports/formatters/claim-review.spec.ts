import { DEFAULT_CLAIMREVIEW_RATINGS } from '../../config/environment';
import { ExportedClaim } from '../export.types';
import { toClaimReview } from './claim-review';
import { CsvFormatter } from './csv.formatter';

const config = {
  publicBaseUrl: 'https://factcheck.example',
  orgName: 'Desk',
  orgUrl: 'https://factcheck.example',
  ratings: DEFAULT_CLAIMREVIEW_RATINGS,
};
const claim = (overrides: Partial<ExportedClaim> = {}): ExportedClaim => ({
  claimId: 'c1',
  text: ' 14 bridges were repaired. ',
  start: 0,
  end: 26,
  speaker: null,
  status: 'verified',
  finalLabel: 'verified',
  settledBy: 'consensus',
  round: 1,
  verdictCount: 2,
  agreement: 1,
  reviewerIds: [],
  adjudicatorId: null,
  sourceUrls: [],
  finalizedAt: '2024-03-02T08:00:00.000Z',
  article: { id: 'a1', title: 'Bridges', url: 'https://news.example/b', source: 'News', publishedAt: null },
  ...overrides,
});

describe('toClaimReview', () => {
  it('should build the required fields with the mapped rating and no author for an unknown speaker', () => {
    const sut = toClaimReview(claim(), config);
    expect(sut).toEqual({
      item: expect.objectContaining({
        url: 'https://factcheck.example/claims/c1',
        claimReviewed: '14 bridges were repaired.',
        reviewRating: {
          '@type': 'Rating',
          name: 'Verified',
          ratingValue: 5,
          bestRating: 5,
          worstRating: 1,
          alternateName: 'Verified',
        },
      }),
    });
    expect(JSON.parse(JSON.stringify(sut)).item.itemReviewed).toEqual({
      '@type': 'Claim',
      appearance: { '@type': 'CreativeWork', url: 'https://news.example/b', headline: 'Bridges' },
    });
  });

  it('should report instead of emitting a claim without a label mapping, article url or text', () => {
    const ratings = {
      ...DEFAULT_CLAIMREVIEW_RATINGS,
      labels: { verified: DEFAULT_CLAIMREVIEW_RATINGS.labels.verified },
    };
    expect(toClaimReview(claim({ finalLabel: 'disputed', status: 'disputed' }), { ...config, ratings })).toEqual({
      problems: [
        'no rating configured for label "disputed" (CLAIMREVIEW_RATINGS)',
        'reviewRating.name is missing',
        'reviewRating.alternateName is missing',
        'reviewRating.ratingValue is missing',
      ],
    });
    expect(toClaimReview(claim({ text: '  ', article: { ...claim().article, url: null } }), config)).toEqual({
      problems: ['claimReviewed is missing', 'itemReviewed.appearance.url is missing'],
    });
  });

  it("should type the claim's author by the speaker attribution's kind", () => {
    const author = (speaker: string) =>
      (toClaimReview(claim({ speaker }), config) as { item: { itemReviewed: { author: unknown } } }).item.itemReviewed
        .author;
    expect(author('Police Chief Ana Ruiz')).toEqual({ '@type': 'Person', name: 'Police Chief Ana Ruiz' });
    expect(author('FEMA')).toEqual({ '@type': 'Organization', name: 'FEMA' });
  });
});

describe('CsvFormatter', () => {
  it('should quote per RFC 4180 and neutralise formula cells only in safe mode', () => {
    const row = ['=1+1', 'a "quoted", text', '-3', '@x', '\tt', null, 'plain'];
    expect(new CsvFormatter(false, false).batch([row as string[]])).toBe(
      '=1+1,"a ""quoted"", text",-3,@x,\tt,,plain\r\n',
    );
    expect(new CsvFormatter(false, true).batch([row as string[]])).toBe(
      `'=1+1,"a ""quoted"", text",'-3,'@x,'\tt,,plain\r\n`,
    );
  });

  it('should start with a UTF-8 byte-order mark only when asked', () => {
    expect(new CsvFormatter(false, true, true).begin()).toMatch(/^\uFEFFclaimId,text,/);
    expect(new CsvFormatter(false, true).begin()).toMatch(/^claimId,text,/);
  });
});
