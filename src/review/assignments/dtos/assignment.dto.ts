import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptional } from '../../../common/http/field-rules';
import { EMPTY_REASONS, EmptyReason } from '../assignment.types';

class AssignedClaimDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'UTF-16 offset of the claim in the article body' }) start: number;
  @ApiProperty() end: number;
  @ApiProperty({ nullable: true, type: String }) speaker: string | null;
  @ApiProperty() score: number;
  @ApiProperty() status: string;
}

class ParagraphDto {
  @ApiProperty() start: number;
  @ApiProperty() end: number;
  @ApiProperty() text: string;
}

class AssignedArticleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
  @ApiProperty({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiProperty({ description: 'The whole article as received; the claim is body.slice(claim.start, claim.end)' })
  body: string;
  @ApiProperty({ type: ParagraphDto, description: 'The paragraph around the claim' }) paragraph: ParagraphDto;
}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() queue: string;
  @ApiProperty({ description: "The queue's reviewing guidelines (Markdown; render sanitised)" }) guidelines: string;
  @ApiProperty() round: number;
  @ApiProperty() leaseExpiresAt: Date;
  @ApiProperty({ type: AssignedClaimDto }) claim: AssignedClaimDto;
  @ApiProperty({ type: AssignedArticleDto }) article: AssignedArticleDto;
}

export class LeaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() leaseExpiresAt: Date;
}

export class SkipDto {
  @ApiPropertyOptional({
    example: 'Needs a Ukrainian speaker',
    description: 'Why, for the audit trail and the editors',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class SkipResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The claim status after the skip' }) claimStatus: string;
}

export class QueueAvailabilityDto {
  @ApiProperty() queue: string;
  @ApiProperty({
    enum: EMPTY_REASONS,
    description:
      'What a pull would give you now: `available` (a claim, or the lease you hold); else why nothing: `held_by_others` ' +
      "(claims under other reviewers' leases, may come back when a lease ends), `reserved_for_others`, `already_judged` " +
      '(you judged or skipped the rest this round), `nothing_left`',
  })
  reason: EmptyReason;
  @ApiProperty({ description: 'Claims you could be served now' }) available: number;
  @ApiProperty({ description: 'Claims whose lease you hold' }) heldByYou: number;
  @ApiProperty({ description: 'Claims at their verdict quota only because other reviewers hold live leases on them' })
  heldByOthers: number;
  @ApiProperty({ description: 'Claims an editor reserved for someone else' }) reservedForOthers: number;
  @ApiProperty({ description: 'Open claims you already judged or skipped this round' }) judgedByYou: number;
}
