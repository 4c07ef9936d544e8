import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AdjudicationController } from './adjudication/adjudication.controller';
import { AdjudicationService } from './adjudication/adjudication.service';
import { AssignmentsController } from './assignments/assignments.controller';
import { AssignmentsRepository } from './assignments/assignments.repository';
import { AssignmentsService } from './assignments/assignments.service';
import { LeaseSweeper } from './assignments/lease-sweeper.service';
import { QueuesController } from './queues/queues.controller';
import { QueuesRepository } from './queues/queues.repository';
import { QueuesService } from './queues/queues.service';
import { ClaimWorkflowRepository } from './review-state.repository';
import { ClaimRoutingController } from './routing/claim-routing.controller';
import { ClaimRoutingService } from './routing/claim-routing.service';
import { VerdictsController } from './verdicts/verdicts.controller';
import { VerdictsRepository } from './verdicts/verdicts.repository';
import { VerdictsService } from './verdicts/verdicts.service';

/** The review workflow: queues, routing, leases, verdicts, adjudication and reopening of claims. */
@Module({
  imports: [UsersModule],
  controllers: [QueuesController, AssignmentsController, ClaimRoutingController, VerdictsController, AdjudicationController],
  providers: [
    QueuesService, QueuesRepository, ClaimRoutingService, ClaimWorkflowRepository, AssignmentsService, AssignmentsRepository, LeaseSweeper,
    VerdictsService, VerdictsRepository, AdjudicationService,
  ],
  // The live event stream asks which queues a reviewer may pull from.
  exports: [QueuesService],
})
export class ReviewModule {}
