import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { Role } from '../users/role';
import { ActivityQueryDto, ThroughputDto, VerdictRateDto } from './dtos/activity.dto';
import { AgreementQueryDto } from './dtos/agreement-query.dto';
import { AgreementDto } from './dtos/agreement.dto';
import { QueueWorkloadDto } from './dtos/queue-workload.dto';
import { toAgreementDto, toQueueWorkloadDto, toThroughputDto, toVerdictRateDto } from './stats.mapper';
import { StatsService } from './stats.service';

const ACTIVITY_ERRORS = [
  { status: 400, description: 'days outside 1-90, a malformed queue slug or an unknown parameter' },
  { status: 404, description: 'Unknown queue' },
];

@ApiTags('stats')
@Roles(Role.Editor, Role.Admin)
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('agreement')
  @ApiOkResponse({
    type: AgreementDto,
    description: 'Inter-reviewer agreement on claims with at least 2 review verdicts in a round',
  })
  @ApiOperation({ summary: "Inter-reviewer agreement (Cohen's kappa, Krippendorff's alpha)" })
  @ApiErrors(
    { status: 400, description: 'Malformed dates, or from after to' },
    { status: 404, description: 'Unknown queue' },
  )
  async agreement(@Query() query: AgreementQueryDto): Promise<AgreementDto> {
    return toAgreementDto(await this.stats.agreement(query));
  }

  @Get('queues')
  @ApiOperation({ summary: 'Backlog and verdict rate per queue' })
  @ApiOkResponse({ type: [QueueWorkloadDto], description: "Every queue's backlog and verdict rate" })
  async queues(): Promise<QueueWorkloadDto[]> {
    return (await this.stats.workload()).map(toQueueWorkloadDto);
  }

  @Get('verdicts-per-hour')
  @ApiOperation({ summary: 'Verdicts per UTC hour over the last days (by label), empty hours included' })
  @ApiOkResponse({ type: VerdictRateDto, description: 'days × 24 hourly buckets, oldest first' })
  @ApiErrors(...ACTIVITY_ERRORS)
  async verdictsPerHour(@Query() query: ActivityQueryDto): Promise<VerdictRateDto> {
    return toVerdictRateDto(await this.stats.verdictsPerHour(query));
  }

  @Get('throughput')
  @ApiOperation({ summary: 'Verdicts, skips and time to verdict per person over the last days' })
  @ApiOkResponse({ type: ThroughputDto, description: 'Everyone who gave a verdict or skipped a lease in the window' })
  @ApiErrors(...ACTIVITY_ERRORS)
  async throughput(@Query() query: ActivityQueryDto): Promise<ThroughputDto> {
    return toThroughputDto(await this.stats.throughput(query));
  }
}
