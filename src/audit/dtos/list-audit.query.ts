import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/http/field-rules';
import { PageOf, PageQueryDto } from '../../common/http/page.dto';
import { AuditLogEntryDto } from './audit-entry.dto';

export class ListAuditQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Who acted' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "A user's whole timeline: what they did and what was done to their account",
  })
  @IsOptional()
  @IsUUID()
  involving?: string;

  @ApiPropertyOptional({ example: 'claim', description: 'user, claim, article, queue, export' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/)
  entity?: string;

  @ApiPropertyOptional({ description: 'Id of the entity (uuid, or the email of a failed login)' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  entityId?: string;

  @ApiPropertyOptional({
    example: 'claim.consensus',
    description: 'Exact action, or a prefix ending in "." (e.g. "claim.")',
  })
  @IsOptional()
  @Matches(/^[a-z_]+(\.[a-z_]*)?$/)
  @MaxLength(60)
  action?: string;

  @ApiPropertyOptional({ type: Date })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ type: Date })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({
    enum: ['desc', 'asc'],
    default: 'desc',
    description: 'desc: newest first; asc: a timeline, oldest first',
  })
  @IsOptional()
  @IsIn(['desc', 'asc'])
  order: 'desc' | 'asc' = 'desc';
}

export class AuditPageDto extends PageOf(AuditLogEntryDto) {}
