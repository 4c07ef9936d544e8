import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AdjudicationService } from './adjudication/adjudication.service';
import { AssignmentsController } from './assignments/assignments.controller';
import { AssignmentsRepository } from './assignments/assignments.repository';
import { AssignmentsService } from './assignments/assignments.service';
import { LeaseSweeper } from './assignments/lease-sweeper.service';
import { QueuesController } from './queues/queues.controller';
import { QueuesRepository } from './queues/queues.repository';
import { QueuesService } from './queues/queues.service';
import { ClaimReviewController } from './claim-review.controller';
import { ReviewActivityPublisher } from './review-activity.publisher';
import { ReviewStateRepository } from './review-state.repository';
import { ReviewStateService } from './review-state.service';
import { ClaimRoutingService } from './routing/claim-routing.service';
import { MyVerdictsController } from './verdicts/my-verdicts.controller';
import { VerdictsRepository } from './verdicts/verdicts.repository';
import { VerdictsService } from './verdicts/verdicts.service';

/** The review workflow: queues, routing, leases, verdicts, adjudication and reopening of claims. */
@Module({
  imports: [UsersModule],
  controllers: [QueuesController, AssignmentsController, ClaimReviewController, MyVerdictsController],
  providers: [
    QueuesService,
    QueuesRepository,
    ClaimRoutingService,
    ReviewStateRepository,
    ReviewStateService,
    AssignmentsService,
    AssignmentsRepository,
    LeaseSweeper,
    VerdictsService,
    VerdictsRepository,
    AdjudicationService,
    ReviewActivityPublisher,
  ],
  // The live event stream asks which queues a reviewer may pull from; the metrics count the sweeper's expired leases;
  // claims lock and reject through ReviewStateService.
  exports: [QueuesService, LeaseSweeper, ReviewStateService],
})
export class ReviewModule {}
