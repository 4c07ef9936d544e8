import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FINAL_LABELS } from '../../review/claim-lifecycle';
import { EvidenceSourceDto } from '../../review/verdicts/dtos/verdict.dto';
import { EXPORT_STATUSES } from '../export.types';

class ExportedArticleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
}

class ExportedVerdictDto {
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() round: number;
  @ApiProperty({ enum: FINAL_LABELS }) label: string;
  @ApiProperty({ type: String, nullable: true }) rationale: string | null;
  @ApiProperty({ type: [EvidenceSourceDto] }) sources: EvidenceSourceDto[];
  @ApiProperty() confidence: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** One exported claim with its lineage (a JSON array element, an NDJSON line; CSV flattens it). */
export class ExportedClaimDto {
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty() text: string;
  @ApiProperty() start: number;
  @ApiProperty() end: number;
  @ApiProperty({ type: String, nullable: true }) speaker: string | null;
  @ApiProperty({ type: ExportedArticleDto }) article: ExportedArticleDto;
  @ApiProperty({ enum: EXPORT_STATUSES }) status: string;
  @ApiProperty({ type: String, enum: [...FINAL_LABELS, null], nullable: true }) finalLabel: string | null;
  @ApiProperty({ type: String, enum: ['consensus', 'adjudication', null], nullable: true }) settledBy: string | null;
  @ApiProperty() round: number;
  @ApiProperty({ description: "Reviewer verdicts of the current round (the adjudicator's ruling excluded)" })
  verdictCount: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description: 'Share of those verdicts equal to the final label',
  })
  agreement: number | null;
  @ApiProperty({ type: String, format: 'uuid', isArray: true }) reviewerIds: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) adjudicatorId: string | null;
  @ApiProperty({ type: [String], description: "Distinct evidence URLs of the current round's verdicts" })
  sourceUrls: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finalizedAt: string | null;
  @ApiPropertyOptional({ type: [ExportedVerdictDto], description: 'With include=verdicts: every verdict, all rounds' })
  verdicts?: ExportedVerdictDto[];
}

/** format=json: the whole export as one document. */
export class ExportDocumentDto {
  @ApiProperty({ description: 'Same as X-Export-Cursor: pass as ?since= for the next window' }) cursor: string;
  @ApiProperty({ type: [ExportedClaimDto] }) claims: ExportedClaimDto[];
}

export class SkippedClaimDto {
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({ type: [String], example: ['itemReviewed.appearance.url is missing'] }) problems: string[];
}

/** GET /exports/claimreview/skipped: what a ClaimReview export with the same filters leaves out. */
export class ClaimReviewSkippedDto {
  @ApiProperty({
    description: "The window this report covers (same as that export's X-Export-Cursor when `until` was passed)",
  })
  cursor: string;
  @ApiProperty({ type: [SkippedClaimDto] }) skipped: SkippedClaimDto[];
}

/** GET /exports/count: what an export with the same filters would carry if started now. */
export class ExportCountDto {
  @ApiProperty({ description: 'Rows (claims) the filters select' }) rows: number;
  @ApiProperty({
    description: 'The X-Export-Cursor that export would send: pass it as `since` to get only later changes',
  })
  cursor: string;
}
