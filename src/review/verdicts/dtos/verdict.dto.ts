import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { OptionalBooleanQuery } from '../../../common/http/boolean-query';
import { IsOptional } from '../../../common/http/field-rules';
import { PageOf } from '../../../common/http/page.dto';
import { ClaimStatus, FINAL_LABELS, FinalLabel } from '../../claim-lifecycle';

export class EvidenceSourceDto {
  @ApiProperty({ example: 'https://www.unicef.org/press-releases/…' })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) title?: string;
  @ApiPropertyOptional({ description: 'The passage of the source that supports the verdict' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  quote?: string;
}

export class SubmitVerdictDto {
  @ApiProperty({ enum: FINAL_LABELS })
  @IsIn(FINAL_LABELS)
  label: FinalLabel;

  @ApiPropertyOptional({ description: 'Required for disputed and unverifiable' })
  @ValidateIf((v: SubmitVerdictDto) => v.label !== ClaimStatus.Verified || v.rationale !== undefined)
  @IsString()
  @MinLength(1, { message: 'rationale is required for disputed and unverifiable verdicts' })
  @MaxLength(10000)
  rationale?: string;

  @ApiProperty({ type: [EvidenceSourceDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceSourceDto)
  sources: EvidenceSourceDto[];

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  confidence: number;
}

export class ResolveClaimDto {
  @ApiProperty({ enum: FINAL_LABELS })
  @IsIn(FINAL_LABELS)
  label: FinalLabel;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  rationale: string;
}

export class ReopenClaimDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  reason: string;

  @ApiPropertyOptional({ description: 'Queue slug for the new round (default: routing rules, else `default`)' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  queue?: string;
}

export class VerdictDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() round: number;
  @ApiProperty({ enum: FINAL_LABELS }) label: string;
  @ApiProperty({ nullable: true, type: String }) rationale: string | null;
  @ApiProperty({ type: [EvidenceSourceDto] }) sources: EvidenceSourceDto[];
  @ApiProperty() confidence: number;
  @ApiProperty() createdAt: Date;
}

/** One of the caller's own verdicts, for "My work": never another reviewer's, never the claim's in-between status. */
export class MyVerdictDto extends VerdictDto {
  @ApiProperty() claimText: string;
  @ApiProperty({ format: 'uuid' }) articleId: string;
  @ApiProperty() articleTitle: string;
  @ApiProperty({ description: 'Slug of the queue the claim was leased from' }) queue: string;
  @ApiPropertyOptional({
    enum: [...FINAL_LABELS, null],
    nullable: true,
    type: String,
    description: "The claim's final label once settled, else null",
  })
  finalLabel: string | null;
}

export class MyVerdictsPageDto extends PageOf(MyVerdictDto) {}

export class SubmittedVerdictDto extends VerdictDto {
  @ApiProperty({ description: 'The claim status after this verdict' }) claimStatus: string;
}

export class ClaimOutcomeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() status: string;
  @ApiProperty() round: number;
}

class CaseClaimDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'UTF-16 offset into article.body' }) start: number;
  @ApiProperty() end: number;
  @ApiProperty({ nullable: true, type: String }) speaker: string | null;
  @ApiProperty() status: string;
  @ApiProperty() round: number;
  @ApiPropertyOptional({ enum: [...FINAL_LABELS, null], nullable: true, type: String }) finalLabel: string | null;
  @ApiPropertyOptional({ enum: ['consensus', 'adjudication', null], nullable: true, type: String }) settledBy:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The adjudicator's note" }) resolutionRationale:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) adjudicatorId: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) finalizedAt: Date | null;
}

class CaseArticleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
  @ApiProperty({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiProperty() body: string;
}

export class CaseVerdictDto {
  @ApiProperty({ example: 'Reviewer A', description: 'Stable within the case: letters in the order the verdicts came' })
  reviewer: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Only when revealed' }) reviewerId:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Only when revealed' }) reviewerName: string | null;
  @ApiProperty({ enum: FINAL_LABELS }) label: string;
  @ApiProperty({ nullable: true, type: String }) rationale: string | null;
  @ApiProperty({ type: [EvidenceSourceDto] }) sources: EvidenceSourceDto[];
  @ApiProperty({ minimum: 1, maximum: 5 }) confidence: number;
  @ApiProperty() createdAt: Date;
}

/** Everything an editor settles a disagreement on: the claim in its article and the round's reviewer verdicts side by side. */
export class AdjudicationCaseDto {
  @ApiProperty({ type: CaseClaimDto }) claim: CaseClaimDto;
  @ApiProperty({ type: CaseArticleDto }) article: CaseArticleDto;
  @ApiProperty({
    type: [CaseVerdictDto],
    description: "The current round's reviewer verdicts (not the adjudicator's ruling), oldest first",
  })
  verdicts: CaseVerdictDto[];
  @ApiProperty({ description: 'Whether reviewer names are shown (reveal=true; each reveal is audited)' })
  revealed: boolean;
}

export class AdjudicationCaseQueryDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Show who the reviewers are (audited as claim.reveal_reviewers)',
  })
  @OptionalBooleanQuery()
  reveal?: boolean;
}
