import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsOptional } from '../../common/http/field-rules';

/** The queue filter every stats report takes. */
export class QueueFilterDto {
  @ApiPropertyOptional({ description: 'Only verdicts given on leases of this queue (slug)' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'queue must be a queue slug' })
  queue?: string;
}
