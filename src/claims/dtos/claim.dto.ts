import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLAIM_STATUSES, ClaimStatus } from '../claim-lifecycle';
import { Claim, ClaimOrigin } from '../claim.entity';
import { SimilarClaimRow } from '../claim-similarity.repository';

export class ClaimDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) articleId: string;
  @ApiProperty({ description: 'article.body.slice(start, end), always' }) text: string;
  @ApiProperty({ description: 'UTF-16 offset into the article body' }) start: number;
  @ApiProperty() end: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) sentenceIndex: number | null;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) features: Record<string, number | boolean | string>;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Olena Zelenska' }) speaker: string | null;
  @ApiProperty({ enum: ['extracted', 'manual'] }) origin: ClaimOrigin;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: ClaimStatus;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) createdBy: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from(claim: Claim): ClaimDto {
    const { id, articleId, text, start, end, sentenceIndex, score, features, speaker, origin, status, createdBy, createdAt, updatedAt } = claim;
    return { id, articleId, text, start, end, sentenceIndex, score, features, speaker, origin, status, createdBy, createdAt, updatedAt };
  }
}

export class SimilarClaimDto implements SimilarClaimRow {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) articleId: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: ClaimStatus;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'pg_trgm similarity of the normalized texts' }) similarity: number;
  @ApiProperty() articleTitle: string;
  @ApiPropertyOptional({ type: String, nullable: true }) articleUrl: string | null;
}
