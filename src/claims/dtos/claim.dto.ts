import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalBooleanQuery } from '../../common/http/boolean-query';
import { CLAIM_STATUSES, ClaimStatus, FINAL_LABELS } from '../../review/claim-lifecycle';
import type { ClaimOrigin } from '../claim.entity';

export class ClaimDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) articleId: string;
  @ApiProperty({ description: 'article.body.slice(start, end), always' }) text: string;
  @ApiProperty({ description: 'UTF-16 offset into the article body' }) start: number;
  @ApiProperty() end: number;
  @ApiProperty({ type: Number, nullable: true }) sentenceIndex: number | null;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) features: Record<string, number | boolean | string>;
  @ApiProperty({ type: String, nullable: true, example: 'Olena Zelenska' }) speaker: string | null;
  @ApiProperty({ enum: ['extracted', 'manual'] }) origin: ClaimOrigin;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: ClaimStatus;
  @ApiProperty({ description: 'Review round (a reopened claim starts a new one)' }) round: number;
  @ApiProperty({ type: String, enum: [...FINAL_LABELS, null], nullable: true }) finalLabel: string | null;
  @ApiProperty({
    type: String,
    enum: ['consensus', 'adjudication', null],
    nullable: true,
    description: 'How the final label was reached',
  })
  settledBy: string | null;
  @ApiProperty({ type: Date, nullable: true }) finalizedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) createdBy: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class SimilarClaimDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) articleId: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: ClaimStatus;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'pg_trgm similarity of the normalized texts' })
  similarity: number;
  @ApiPropertyOptional({
    enum: [...FINAL_LABELS, null],
    nullable: true,
    type: String,
    description: 'The final label once settled, else null',
  })
  finalLabel: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) finalizedAt: Date | null;
  @ApiProperty() articleTitle: string;
  @ApiProperty({ type: String, nullable: true }) articleUrl: string | null;
}

export class SimilarQueryDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Only claims already settled (with a final label): the known-claim matches a review screen shows',
  })
  @OptionalBooleanQuery()
  settled?: boolean;
}
