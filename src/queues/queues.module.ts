import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { ClaimRoutingController } from './claim-routing.controller';
import { ClaimRoutingService } from './claim-routing.service';
import { ClaimWorkflowRepository } from './claim-workflow.repository';
import { LeaseSweeper } from './lease-sweeper.service';
import { QueuesController } from './queues.controller';
import { QueuesRepository } from './queues.repository';
import { QueuesService } from './queues.service';

@Module({
  imports: [UsersModule],
  controllers: [QueuesController, AssignmentsController, ClaimRoutingController],
  providers: [QueuesService, QueuesRepository, ClaimRoutingService, ClaimWorkflowRepository, AssignmentsService, AssignmentsRepository, LeaseSweeper],
  exports: [QueuesService, QueuesRepository, ClaimRoutingService, ClaimWorkflowRepository, AssignmentsService],
})
export class QueuesModule {}
