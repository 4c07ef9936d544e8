import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/decorators/public.decorator';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsService } from './metrics.service';

const SERIES = `Prometheus text format, this instance only (scrape every instance). Besides Node's process metrics (\`factcheck_process_*\`, \`factcheck_nodejs_*\`):

- \`factcheck_http_request_duration_seconds\` histogram by \`method\`, \`route\` (the route template, e.g. \`/queues/:slug/next\`; \`(unmatched)\` for unknown paths) and \`status\`
- \`factcheck_db_pool_max_connections\`, \`_open_connections\`, \`_idle_connections\`, \`factcheck_db_pool_waiting_requests\`
- \`factcheck_queue_depth\`, \`factcheck_queue_in_review\`, \`factcheck_queue_oldest_waiting_seconds\` by \`queue\` (read at scrape time, from the replica when reads may lag)
- \`factcheck_leases_expired_total\` (this instance's lease sweeper), \`factcheck_export_streams_open\`
- \`factcheck_replica_lag_seconds\` by \`state\` (\`ok\`, \`lagging\`, \`down\`), only with DATABASE_REPLICA_URL

Open to METRICS_TOKEN as a bearer token, and without it to clients from METRICS_ALLOW (default loopback).`;

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  @ApiBearerAuth()
  @UseGuards(MetricsAccessGuard)
  @ApiOperation({ summary: 'Prometheus metrics of this instance', description: SERIES })
  @ApiOkResponse({
    description: 'Prometheus text exposition format 0.0.4',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiErrors(
    { status: 401, description: 'METRICS_TOKEN_REQUIRED: not from METRICS_ALLOW, and no or a wrong METRICS_TOKEN' },
    { status: 403, description: 'METRICS_NOT_ALLOWED: not from METRICS_ALLOW, and no METRICS_TOKEN is configured' },
  )
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.type(this.metrics.registry.contentType);
    return this.metrics.scrape();
  }
}
