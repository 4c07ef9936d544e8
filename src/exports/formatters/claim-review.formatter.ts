import { ExportedClaimDto } from '../dtos/exported-claim.dto';
import { ClaimReviewConfig, toClaimReview } from './claim-review';
import { ExportFormatter } from './export-formatter';

/**
 * {"@context": "https://schema.org", "@graph": [ClaimReview, ...], "skipped": [{claimId, problems}], "cursor"}.
 * Skipped claims are listed at the end, after every item has streamed.
 */
export class ClaimReviewFormatter implements ExportFormatter {
  readonly projection = 'json';
  readonly contentType = 'application/ld+json';
  readonly extension = 'jsonld';
  private readonly skipped: { claimId: string; problems: string[] }[] = [];
  private first = true;

  constructor(
    private readonly config: ClaimReviewConfig,
    private readonly cursor: string,
  ) {}

  begin(): string {
    return '{"@context":"https://schema.org","@graph":[';
  }

  batch(rows: string[][]): string {
    let text = '';
    for (const [doc] of rows) {
      const claim = JSON.parse(doc) as ExportedClaimDto;
      const review = toClaimReview(claim, this.config);
      if ('problems' in review) {
        this.skipped.push({ claimId: claim.claimId, problems: review.problems });
        continue;
      }
      text += (this.first ? '' : ',') + JSON.stringify(review.item);
      this.first = false;
    }
    return text;
  }

  end(): string {
    return `],"skipped":${JSON.stringify(this.skipped)},"cursor":${JSON.stringify(this.cursor)}}\n`;
  }
}
