import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { IsOptional, IsTimestamp } from '../../common/http/field-rules';

export class AgreementQueryDto {
  @ApiPropertyOptional({ description: 'Only verdicts given on leases of this queue (slug)' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'queue must be a queue slug' })
  queue?: string;

  @ApiPropertyOptional({ description: 'Only verdicts given at or after this time (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ description: 'Only verdicts given at or before this time (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 5, description: 'Report Cohen\'s kappa only for reviewer pairs sharing at least this many claims' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  minSharedUnits: number = 5;
}
