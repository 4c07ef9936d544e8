import { ExportedClaim } from '../export.types';
import { ClaimReviewConfig, toClaimReview } from './claim-review';
import { ExportFormatter } from './export-formatter';

/** A final claim that gave no valid ClaimReview, and why. */
export interface SkippedClaim {
  claimId: string;
  problems: string[];
}

/**
 * A plain JSON-LD array of ClaimReview objects, each with its own @context, so a JSON-LD processor reads exactly
 * the reviews (nothing beside them becomes a triple). The cursor travels in X-Export-Cursor; claims that cannot
 * give valid markup are collected in `skipped` (GET /exports/claimreview/skipped reports them).
 */
export class ClaimReviewFormatter implements ExportFormatter {
  readonly projection = 'json';
  readonly contentType = 'application/ld+json';
  readonly extension = 'jsonld';
  readonly skipped: SkippedClaim[] = [];
  private first = true;

  constructor(private readonly config: ClaimReviewConfig) {}

  begin(): string {
    return '[';
  }

  batch(rows: string[][]): string {
    let text = '';
    for (const [doc] of rows) {
      const claim = JSON.parse(doc) as ExportedClaim;
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
    return ']\n';
  }
}
