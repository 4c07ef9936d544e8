import { ApiProperty } from '@nestjs/swagger';

const ALPHA = "Krippendorff's alpha (nominal); null when undefined (no pairable units, or no variation in labels)";

export class PairKappaDto {
  @ApiProperty({ format: 'uuid' }) reviewerA: string;
  @ApiProperty({ format: 'uuid' }) reviewerB: string;
  @ApiProperty({ description: 'Claims (claim, round) both labelled' }) units: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of those with the same label' }) observed:
    number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Cohen's kappa; null when both only ever used the same label",
  })
  kappa: number | null;
}

export class PooledKappaDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Mean of the listed pairs' kappas weighted by their shared units (undefined kappas left out)",
  })
  kappa: number | null;

  @ApiProperty({ description: 'Pairs that went into the mean' }) pairs: number;
  @ApiProperty({ description: "Sum of those pairs' shared units" }) units: number;
}

export class QueueAgreementDto {
  @ApiProperty() queue: string;
  @ApiProperty({ description: 'Pairable units: (claim, round) with at least 2 verdicts in this queue' }) units: number;
  @ApiProperty({ description: 'Verdicts in those units' }) verdicts: number;
  @ApiProperty({ type: Number, nullable: true, description: ALPHA }) alpha: number | null;
  @ApiProperty({
    type: PooledKappaDto,
    description: "Pooled Cohen's kappa of the pairs that shared at least minSharedUnits claims in this queue",
  })
  kappa: PooledKappaDto;
}

export class ReviewerAgreementDto {
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: 'Review verdicts in the filter' }) verdicts: number;
  @ApiProperty({ description: 'Of those, verdicts in the finalized round of a claim that is now final' })
  finalVerdicts: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of finalVerdicts whose label is the final label' })
  agreementWithFinal: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Median seconds from lease to verdict' })
  medianSecondsToVerdict: number | null;
  @ApiProperty({
    type: PooledKappaDto,
    description: "Pooled Cohen's kappa of this reviewer's listed pairs (those sharing at least minSharedUnits claims)",
  })
  kappa: PooledKappaDto;
}

export class AgreementDto {
  @ApiProperty({ type: String, nullable: true }) queue: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) from: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) to: string | null;
  @ApiProperty() minSharedUnits: number;
  @ApiProperty({ description: 'Pairable units over all queues: (claim, round) with at least 2 review verdicts' })
  units: number;
  @ApiProperty({ description: 'Verdicts in those units' }) verdicts: number;
  @ApiProperty({ type: Number, nullable: true, description: ALPHA }) alpha: number | null;
  @ApiProperty({ type: PooledKappaDto }) kappa: PooledKappaDto;
  @ApiProperty({ type: [PairKappaDto] }) pairs: PairKappaDto[];
  @ApiProperty({ type: [QueueAgreementDto] }) queues: QueueAgreementDto[];
  @ApiProperty({ type: [ReviewerAgreementDto] }) reviewers: ReviewerAgreementDto[];
}
