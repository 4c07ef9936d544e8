import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

@Module({
  controllers: [StatsController],
  providers: [StatsService, StatsRepository],
  // the metrics scrape reads the queues' backlog
  exports: [StatsService],
})
export class StatsModule {}
