import { Module } from '@nestjs/common';
import { ExportsModule } from '../exports/exports.module';
import { ReviewModule } from '../review/review.module';
import { StatsModule } from '../stats/stats.module';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** GET /metrics for Prometheus; the service is also what app.factory hands the request-latency hook to. */
@Module({
  imports: [ReviewModule, ExportsModule, StatsModule],
  controllers: [MetricsController],
  providers: [MetricsService, MetricsAccessGuard],
})
export class MetricsModule {}
