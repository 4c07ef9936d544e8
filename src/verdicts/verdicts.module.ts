import { Module } from '@nestjs/common';
import { QueuesModule } from '../queues/queues.module';
import { AdjudicationController } from './adjudication.controller';
import { AdjudicationService } from './adjudication.service';
import { VerdictsController } from './verdicts.controller';
import { VerdictsRepository } from './verdicts.repository';
import { VerdictsService } from './verdicts.service';

@Module({
  imports: [QueuesModule],
  controllers: [VerdictsController, AdjudicationController],
  providers: [VerdictsService, VerdictsRepository, AdjudicationService],
})
export class VerdictsModule {}
