import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { allowedFrom, ClaimStatus, PRE_REVIEW, PULLABLE, transition } from '../claim-lifecycle';
import { TransactionContext } from '../../database/transaction-context';
import { Role } from '../../users/role';
import { UsersService } from '../../users/users.service';
import { ReviewStateRepository } from '../review-state.repository';
import { LockedClaim } from '../review-state.types';
import { ClaimCuration, ClaimRejection, RouteFilter } from './routing.types';
import { QueueException } from '../queues/queue.exception';
import { QueuesRepository } from '../queues/queues.repository';
import { QueuesService } from '../queues/queues.service';

/** More accounts than a newsroom has: the assignee list is one query, not paged. */
const ASSIGNEE_LIMIT = 2000;
const ROLE_ORDER: string[] = [Role.Reviewer, Role.Editor, Role.Admin];

/** Moving claims between queues, and reserving a claim for a named reviewer. */
@Injectable()
export class ClaimRoutingService {
  constructor(
    private readonly queues: QueuesService,
    private readonly queuesRepo: QueuesRepository,
    private readonly reviewState: ReviewStateRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly tx: TransactionContext,
  ) {}

  /** How many claims moved (0 when it already is in that queue). */
  routeClaim(actor: AuthUser, claimId: string, slug: string): Promise<number> {
    return this.tx.run(async () => {
      const queue = await this.queues.routeTarget(slug);
      const claim = await this.lockClaim(claimId);
      transition('route', claim.status);
      if (claim.queueId === queue.id) return 0;
      return this.reviewState.routeOne(actor.id, claim.id, queue.id);
    });
  }

  /** How many claims moved (one statement). */
  async bulkRoute(actor: AuthUser, slug: string, filter: RouteFilter): Promise<number> {
    const queue = await this.queues.routeTarget(slug);
    const fromQueueId = filter.fromQueue ? (await this.queues.get(filter.fromQueue)).id : undefined;
    return this.tx.run(() =>
      this.reviewState.bulkRoute(actor.id, queue.id, {
        ...filter,
        status: filter.status ?? ClaimStatus.Pending,
        fromQueueId,
      }),
    );
  }

  /** Reserves the claim for `userId`: served to them first, and to nobody else until they take it. */
  assign(actor: AuthUser, claimId: string, userId: string): Promise<void> {
    return this.tx.run(async () => {
      const claim = await this.lockClaim(claimId);
      if (!PULLABLE.includes(claim.status) || !claim.queueId) {
        throw new QueueException(
          'CLAIM_NOT_IN_QUEUE',
          `Only a claim waiting in a queue can be assigned (it is ${claim.status})`,
          { status: claim.status },
        );
      }
      const user = await this.users.findActive(userId);
      if (!user) throw new QueueException('USER_NOT_FOUND', `No active user ${userId}`);
      const { queue, members } = (await this.queuesRepo.findWithMembers({ id: claim.queueId }))!;
      if (!this.queues.canPull(user, queue, members)) {
        throw new QueueException('USER_CANNOT_PULL_QUEUE', `${user.email} may not pull from queue ${queue.slug}`);
      }
      await this.reviewState.reserve(claim.id, user.id);
      await this.audit.record({
        actorId: actor.id,
        action: 'claim.assign',
        entity: 'claim',
        entityId: claim.id,
        after: { reservedFor: user.id, queueId: queue.id },
      });
    });
  }

  /** What an editor may do with the claim now: the screens show only these, and every action checks again. */
  async curation(claimId: string): Promise<ClaimCuration> {
    const claim = await this.reviewState.findState(claimId);
    if (!claim) throw new QueueException('CLAIM_NOT_FOUND', `Claim ${claimId} not found`);
    const status = claim.status;
    const [queues, found, rejection] = await Promise.all([
      this.queuesRepo.findAll(),
      claim.queueId ? this.queuesRepo.findWithMembers({ id: claim.queueId }) : null,
      status === ClaimStatus.Rejected ? this.rejectionOf(claimId) : undefined,
    ]);
    const routable = allowedFrom('route').includes(status);
    const assignable = PULLABLE.includes(status) && found !== null;
    const assignees = assignable
      ? (await this.users.listActive(ASSIGNEE_LIMIT)).filter((u) => this.queues.canPull(u, found.queue, found.members))
      : [];
    return {
      // a rejected claim keeps its last queue_id for the record, but it is out of every queue
      queue: status === ClaimStatus.Rejected ? null : (found?.queue.slug ?? null),
      actions: {
        edit: PRE_REVIEW.includes(status),
        reject: allowedFrom('reject').includes(status),
        route: routable,
        assign: assignable,
      },
      queues: routable
        ? queues.filter((q) => this.queues.isRouteTarget(q)).map(({ slug, description }) => ({ slug, description }))
        : [],
      assignees: assignees
        .sort(
          (a, b) =>
            ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.displayName.localeCompare(b.displayName),
        )
        .map(({ id, displayName, role }) => ({ id, displayName, role })),
      rejection,
    };
  }

  /** The reason lives in the audit trail (the claim.reject entry), with who gave it and when. */
  private async rejectionOf(claimId: string): Promise<ClaimRejection | undefined> {
    const entry = (await this.audit.historyOf('claim', claimId)).findLast((e) => e.action === 'claim.reject');
    if (!entry) return undefined;
    const { reason } = (entry.after ?? {}) as { reason?: string };
    const actor = entry.actorId ? await this.users.find(entry.actorId) : null;
    return { reason: reason ?? null, at: entry.at, by: actor?.displayName ?? null };
  }

  private async lockClaim(claimId: string): Promise<LockedClaim> {
    const claim = await this.reviewState.lock(claimId);
    if (!claim) throw new QueueException('CLAIM_NOT_FOUND', `Claim ${claimId} not found`);
    return claim;
  }
}
