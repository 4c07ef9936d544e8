import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../../audit/audit.repository';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { PULLABLE, transition } from '../claim-lifecycle';
import { TransactionContext } from '../../database/transaction-context';
import { UsersRepository } from '../../users/users.repository';
import { ClaimWorkflowRepository, LockedClaim } from '../review-state.repository';
import { RouteFilterDto } from '../queues/dtos/queue.dto';
import { QueueException } from '../queues/queue.exception';
import { QueuesRepository } from '../queues/queues.repository';
import { QueuesService } from '../queues/queues.service';

/** Moving claims between queues, and reserving a claim for a named reviewer. */
@Injectable()
export class ClaimRoutingService {
  constructor(
    private readonly queues: QueuesService,
    private readonly queuesRepo: QueuesRepository,
    private readonly claims: ClaimWorkflowRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionContext,
  ) {}

  routeClaim(actor: AuthUser, claimId: string, slug: string): Promise<{ moved: number }> {
    return this.tx.run(async () => {
      const queue = await this.queues.get(slug);
      const claim = await this.lockClaim(claimId);
      transition('route', claim.status);
      if (claim.queueId === queue.id) return { moved: 0 };
      return { moved: await this.queuesRepo.routeOne(actor.id, claim.id, queue.id) };
    });
  }

  async bulkRoute(actor: AuthUser, slug: string, filter: RouteFilterDto): Promise<{ moved: number }> {
    const queue = await this.queues.get(slug);
    const fromQueueId = filter.fromQueue ? (await this.queues.get(filter.fromQueue)).id : undefined;
    const moved = await this.tx.run(() =>
      this.queuesRepo.bulkRoute(actor.id, queue.id, { ...filter, status: filter.status ?? 'pending', fromQueueId }),
    );
    return { moved };
  }

  /** Reserves the claim for `userId`: served to them first, and to nobody else until they take it. */
  assign(actor: AuthUser, claimId: string, userId: string): Promise<void> {
    return this.tx.run(async () => {
      const claim = await this.lockClaim(claimId);
      if (!PULLABLE.includes(claim.status as never) || !claim.queueId) {
        throw new QueueException('ASSIGNMENT_CLOSED', `Only a claim waiting in a queue can be assigned (it is ${claim.status})`, { status: claim.status });
      }
      const user = await this.users.findById(userId);
      if (!user || !user.active) throw new QueueException('USER_NOT_FOUND', `No active user ${userId}`);
      const { queue, members } = (await this.queuesRepo.findWithMembers({ id: claim.queueId }))!;
      if (!this.queues.canPull(user, queue, members)) {
        throw new QueueException('USER_CANNOT_PULL_QUEUE', `${user.email} may not pull from queue ${queue.slug}`);
      }
      await this.claims.reserve(claim.id, user.id);
      await this.audit.record({ actorId: actor.id, action: 'claim.assign', entity: 'claim', entityId: claim.id, after: { reservedFor: user.id, queueId: queue.id } });
    });
  }

  private async lockClaim(claimId: string): Promise<LockedClaim> {
    const claim = await this.claims.lock(claimId);
    if (!claim) throw new QueueException('CLAIM_NOT_FOUND', `Claim ${claimId} not found`);
    return claim;
  }
}
