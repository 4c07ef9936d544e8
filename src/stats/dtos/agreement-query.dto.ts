import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptional, IsTimestamp } from '../../common/http/field-rules';
import { QueueFilterDto } from './queue-filter.dto';

export class AgreementQueryDto extends QueueFilterDto {
  @ApiPropertyOptional({ description: 'Only verdicts given at or after this time (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ description: 'Only verdicts given at or before this time (ISO 8601)' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100000,
    default: 5,
    description: "Report Cohen's kappa only for reviewer pairs sharing at least this many claims",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  minSharedUnits: number = 5;
}
