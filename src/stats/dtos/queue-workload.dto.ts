import { ApiProperty } from '@nestjs/swagger';

export class QueueWorkloadDto {
  @ApiProperty() queue: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Claims waiting for a lease (queued, or needs_adjudication in an adjudication queue)' })
  depth: number;
  @ApiProperty({ description: 'Claims with at least one verdict or lease this round' }) inReview: number;
  @ApiProperty({ description: 'Claims in this queue awaiting adjudication' }) awaitingAdjudication: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Seconds the oldest waiting claim has waited; null when none waits',
  })
  oldestWaitingSeconds: number | null;
  @ApiProperty({ description: "Verdicts given on this queue's leases in the last hour" }) verdictsLastHour: number;
  @ApiProperty({ description: "Verdicts given on this queue's leases in the last 24 hours, divided by 24" })
  verdictsPerHourLast24h: number;
}
