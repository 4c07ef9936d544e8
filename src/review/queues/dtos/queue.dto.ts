import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  IsTimeZone,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptional } from '../../../common/http/field-rules';
import { Role } from '../../../users/role';
import { allowedFrom, ClaimStatus, RoutableStatus } from '../../claim-lifecycle';

/** Guidelines are kept short enough to read beside a claim (also a CHECK in the database). */
export const GUIDELINES_MAX = 20000;

const trimmedList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

export class CreateQueueDto {
  @ApiProperty({ example: 'politics', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'slug must be lower-case letters, digits and dashes (max 63)' })
  slug: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ description: 'Reviewing guidelines (Markdown)', maxLength: GUIDELINES_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(GUIDELINES_MAX)
  guidelines?: string;

  @ApiProperty({ enum: [Role.Reviewer, Role.Editor] })
  @IsIn([Role.Reviewer, Role.Editor])
  pullRole: Role.Reviewer | Role.Editor;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Only these users may pull (empty: everyone with the role)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  members?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'On create default 0' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minScore?: number;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: 'Route only claims of articles from these sources (null: any)',
  })
  @IsOptional({ nullable: true })
  @Transform(trimmedList)
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  sources?: string[] | null;

  @ApiPropertyOptional({ type: [String], nullable: true, example: ['en'] })
  @IsOptional({ nullable: true })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, {
    each: true,
    message: 'languages must be language tags like en or pt-BR',
  })
  languages?: string[] | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10,
    description: 'K, the verdicts each claim needs; on create default 2',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  verdictsRequired?: number;

  @ApiPropertyOptional({ minimum: 10, maximum: 86400, description: 'On create default 900' })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(86400)
  leaseSeconds?: number;

  @ApiPropertyOptional({ description: 'On create default true' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Lower routes first; on create default 100' })
  @IsOptional()
  @IsInt()
  @Min(-100000)
  @Max(100000)
  routingOrder?: number;

  @ApiPropertyOptional({ description: 'Whether new claims are routed here automatically; on create default true' })
  @IsOptional()
  @IsBoolean()
  routable?: boolean;
}

/**
 * Every setting but the slug, each optional; a null is still checked (skipNullProperties: false), so only nullable
 * fields take one. CreateQueueDto states its defaults in descriptions, not as `default`, which would claim here that an
 * absent field is reset.
 */
export class UpdateQueueDto extends PartialType(OmitType(CreateQueueDto, ['slug'] as const), {
  skipNullProperties: false,
}) {}

export class QueueDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Reviewing guidelines (Markdown; render sanitised)' }) guidelines: string;
  @ApiProperty({ enum: [Role.Reviewer, Role.Editor] }) pullRole: string;
  @ApiProperty({ type: [String], format: 'uuid' }) members: string[];
  @ApiProperty() minScore: number;
  @ApiProperty({ type: [String], nullable: true }) sources: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) languages: string[] | null;
  @ApiProperty() verdictsRequired: number;
  @ApiProperty() leaseSeconds: number;
  @ApiProperty() active: boolean;
  @ApiProperty() routingOrder: number;
  @ApiProperty() routable: boolean;
  @ApiProperty({
    description:
      'Claims arrive only when their reviewers disagree (the adjudication queue): never a routing target, by hand or automatically',
  })
  escalationsOnly: boolean;
}

export class QueueStatsDto extends QueueDto {
  @ApiProperty({ description: 'Claims waiting for review (queued, or awaiting adjudication in an adjudication queue)' })
  depth: number;
  @ApiProperty({ description: 'Claims with at least one verdict or lease' }) inReview: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Seconds the oldest waiting claim has waited' })
  oldestWaitingSeconds: number | null;
  @ApiProperty({
    description: 'Verdicts the caller gave today on claims leased from this queue (the day in `tz`, default UTC)',
  })
  myVerdictsToday: number;
}

export class QueueListQueryDto {
  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    description: 'IANA time zone whose day `myVerdictsToday` counts (default UTC)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @IsTimeZone()
  tz?: string;
}

export class QueueGuidelinesDto {
  @ApiProperty({ description: 'Markdown; empty to remove', maxLength: GUIDELINES_MAX })
  @IsString()
  @MaxLength(GUIDELINES_MAX)
  guidelines: string;
}

export class RouteFilterDto {
  @ApiPropertyOptional({
    enum: allowedFrom('route'),
    default: ClaimStatus.Pending,
    description: 'Which claims to move',
  })
  @IsOptional()
  @IsIn(allowedFrom('route'))
  status?: RoutableStatus;

  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) minScore?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) maxScore?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) source?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() articleId?: string;
  @ApiPropertyOptional({ description: 'Only claims currently in this queue (slug)' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  fromQueue?: string;
}

export class BulkRouteDto {
  @ApiProperty({ type: RouteFilterDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RouteFilterDto)
  filter: RouteFilterDto;
}

export class RouteClaimDto {
  @ApiProperty({ example: 'default', description: 'Target queue slug' })
  @IsString()
  @MaxLength(63)
  queue: string;
}

export class AssignClaimDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}

export class RoutedCountDto {
  @ApiProperty() moved: number;
}

export class CurationActionsDto {
  @ApiProperty({ description: 'Span, text and speaker may be edited (before review starts)' }) edit: boolean;
  @ApiProperty() reject: boolean;
  @ApiProperty() route: boolean;
  @ApiProperty({ description: 'Waiting in a queue: may be reserved for one of `assignees`' }) assign: boolean;
}

export class RouteTargetDto {
  @ApiProperty() slug: string;
  @ApiProperty() description: string;
}

export class AssigneeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role }) role: string;
}

/** Why a claim left the review flow, as its audit trail records it (the claim itself keeps only its status). */
export class ClaimRejectionDto {
  @ApiProperty({ type: String, nullable: true, description: 'The reason given (null: none was given)' })
  reason: string | null;
  @ApiProperty() at: Date;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Who rejected it (display name; null: the account is gone)',
  })
  by: string | null;
}

/** GET /claims/{id}/curation: what an editor may do with the claim now, decided by the service. */
export class ClaimCurationDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Slug of the queue the claim is in (null: none; a rejected claim is in none)',
  })
  queue: string | null;
  @ApiProperty({ type: CurationActionsDto }) actions: CurationActionsDto;
  @ApiProperty({
    type: [RouteTargetDto],
    description: 'Active queues it may be routed to (empty when it cannot be routed)',
  })
  queues: RouteTargetDto[];
  @ApiProperty({ type: [AssigneeDto], description: 'Active users who may pull it from its queue, by name' })
  assignees: AssigneeDto[];
  @ApiPropertyOptional({
    type: ClaimRejectionDto,
    description: 'Who rejected it, when and why (absent: not rejected, or rejected without a record of it)',
  })
  rejection?: ClaimRejectionDto;
}
