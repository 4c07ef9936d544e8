import { ClaimReviewSkippedDto, ExportCountDto } from './dtos/exported-claim.dto';
import { ExportCount } from './export.types';
import { SkippedClaim } from './formatters/claim-review.formatter';

export function toExportCountDto(c: ExportCount): ExportCountDto {
  return { rows: c.rows, cursor: c.cursor };
}

export function toClaimReviewSkippedDto(r: { cursor: string; skipped: SkippedClaim[] }): ClaimReviewSkippedDto {
  return { cursor: r.cursor, skipped: r.skipped.map((s) => ({ claimId: s.claimId, problems: s.problems })) };
}
