import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptional } from '../../common/http/field-rules';
import { QueueFilterDto } from './queue-filter.dto';

/** Recent activity: the last `days` × 24 whole UTC hours up to now, the current hour included. */
export class ActivityQueryDto extends QueueFilterDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 90,
    default: 7,
    description: 'How many days back (whole UTC hours; the current hour counts as one)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  days: number = 7;
}

class ActivityWindowDto {
  @ApiProperty({ type: String, nullable: true, description: 'The queue filter, null for every queue' }) queue:
    string | null;
  @ApiProperty({ format: 'date-time', description: 'Start of the first hour counted' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'When the figures were taken' }) to: string;
}

export class HourBucketDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the UTC hour' }) start: string;
  @ApiProperty({ description: 'Verdicts given in this hour (review and adjudication)' }) verdicts: number;
  @ApiProperty() verified: number;
  @ApiProperty() disputed: number;
  @ApiProperty() unverifiable: number;
}

export class VerdictRateDto extends ActivityWindowDto {
  @ApiProperty({
    type: [HourBucketDto],
    description: 'One bucket per hour, oldest first, hours without verdicts included (days × 24 buckets)',
  })
  buckets: HourBucketDto[];
}

export class ReviewerThroughputDto {
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['admin', 'editor', 'reviewer'] }) role: string;
  @ApiProperty({ description: 'Verdicts given in the window (adjudications included)' }) verdicts: number;
  @ApiProperty({ description: 'Of those, in the last 24 hours' }) verdictsLast24h: number;
  @ApiProperty({ description: 'Leases skipped in the window' }) skips: number;
  @ApiProperty({ description: 'Distinct hours with at least one verdict' }) activeHours: number;
  @ApiProperty({ type: Number, nullable: true, description: 'verdicts / activeHours; null without verdicts' })
  verdictsPerActiveHour: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median seconds from lease to verdict; null without verdicts',
  })
  medianSecondsToVerdict: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastVerdictAt: string | null;
}

export class ThroughputDto extends ActivityWindowDto {
  @ApiProperty({
    type: [ReviewerThroughputDto],
    description: 'Everyone who gave a verdict or skipped in the window, most verdicts first',
  })
  reviewers: ReviewerThroughputDto[];
}
