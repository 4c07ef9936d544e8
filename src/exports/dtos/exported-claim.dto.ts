import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ExportedArticleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true }) url: string | null;
  @ApiProperty({ nullable: true }) source: string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) publishedAt: string | null;
}

class ExportedVerdictDto {
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() round: number;
  @ApiProperty() label: string;
  @ApiProperty({ nullable: true }) rationale: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) sources: unknown[];
  @ApiProperty() confidence: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** One exported claim with its lineage (a JSON array element, an NDJSON line; CSV flattens it). */
export class ExportedClaimDto {
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty() text: string;
  @ApiProperty() start: number;
  @ApiProperty() end: number;
  @ApiProperty({ nullable: true }) speaker: string | null;
  @ApiProperty({ type: ExportedArticleDto }) article: ExportedArticleDto;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true }) finalLabel: string | null;
  @ApiProperty({ nullable: true, enum: ['consensus', 'adjudication'] }) settledBy: string | null;
  @ApiProperty() round: number;
  @ApiProperty({ description: "Reviewer verdicts of the current round (the adjudicator's ruling excluded)" }) verdictCount: number;
  @ApiProperty({ nullable: true, description: 'Share of those verdicts equal to the final label' }) agreement: number | null;
  @ApiProperty({ type: [String] }) reviewerIds: string[];
  @ApiProperty({ nullable: true }) adjudicatorId: string | null;
  @ApiProperty({ type: [String], description: "Distinct evidence URLs of the current round's verdicts" }) sourceUrls: string[];
  @ApiProperty({ nullable: true, format: 'date-time' }) finalizedAt: string | null;
  @ApiPropertyOptional({ type: [ExportedVerdictDto], description: 'With include=verdicts: every verdict, all rounds' }) verdicts?: ExportedVerdictDto[];
}
