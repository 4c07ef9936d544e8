import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { isUniqueViolation } from '../../common/errors/pg-errors';
import { InvalidatedCache } from '../../database/invalidated-cache';
import { InvalidationListener } from '../../database/invalidation-listener.service';
import { TransactionContext } from '../../database/transaction-context';
import { Role } from '../../users/role';
import { Queue } from './queue.entity';
import { NewQueue, QueueChange, QueueOverview, QueueSettings, queueSettings } from './queue.types';
import { QueueException } from './queue.exception';
import { QueuesRepository } from './queues.repository';
import { takesEscalationsOnly } from './queue-slugs';

@Injectable()
export class QueuesService {
  /** Every pull reads its queue's settings and members; any change to queues evicts them all (cluster-wide). */
  private readonly pullCache: InvalidatedCache<{ queue: Queue; members: string[] } | null>;

  constructor(
    private readonly queues: QueuesRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionContext,
    private readonly invalidation: InvalidationListener,
  ) {
    this.pullCache = new InvalidatedCache(invalidation, 30_000, (key) => (key === 'queues' ? 'all' : null));
  }

  async get(slug: string): Promise<Queue> {
    const queue = (await this.queues.findWithMembers({ slug }))?.queue;
    if (!queue) throw new QueueException('QUEUE_NOT_FOUND', `Queue ${slug} not found`);
    return queue;
  }

  /** The queue with this slug, or null; read through the pull cache (the escalation of a verdict asks for it). */
  async find(slug: string): Promise<Queue | null> {
    return (await this.pullCache.get(slug, () => this.queues.findWithMembers({ slug })))?.queue ?? null;
  }

  /** Whether claims may be routed into the queue now (the curation offers only these; routing checks again). */
  isRouteTarget(queue: Pick<Queue, 'slug' | 'active'>): boolean {
    return queue.active && !takesEscalationsOnly(queue.slug);
  }

  /** The queue claims are about to be routed into, or the reason they may not (409). */
  async routeTarget(slug: string): Promise<Queue> {
    const queue = await this.get(slug);
    if (takesEscalationsOnly(queue.slug))
      throw new QueueException(
        'QUEUE_NOT_ROUTABLE',
        `Queue ${slug} takes only claims whose reviewers disagreed: route to a review queue, or resolve the claim`,
      );
    if (!queue.active) throw new QueueException('QUEUE_INACTIVE', `Queue ${slug} is inactive`);
    return queue;
  }

  /** Who may pull: admins any queue; others the queue's role, and only listed members when it has members. */
  canPull(user: Pick<AuthUser, 'id' | 'role'>, queue: Queue, members: string[]): boolean {
    if (user.role === Role.Admin) return true;
    return user.role === queue.pullRole && (members.length === 0 || members.includes(user.id));
  }

  /** The queue a user is about to pull from, or the reason they may not. */
  async pullable(user: AuthUser, slug: string): Promise<Queue> {
    const found = await this.pullCache.get(slug, () => this.queues.findWithMembers({ slug }));
    if (!found) throw new QueueException('QUEUE_NOT_FOUND', `Queue ${slug} not found`);
    const { queue, members } = found;
    if (!this.canPull(user, queue, members))
      throw new QueueException('QUEUE_NOT_ALLOWED', `You may not pull from queue ${slug}`);
    if (!queue.active) throw new QueueException('QUEUE_INACTIVE', `Queue ${slug} is inactive`);
    return queue;
  }

  /** The queues the caller may pull from, with their depth and age and the caller's verdicts today (the day in `timeZone`). */
  async listFor(user: AuthUser, timeZone = 'UTC'): Promise<QueueOverview[]> {
    const visible = await this.pullableBy(user);
    const ids = visible.map(({ queue }) => queue.id);
    const [stats, today] = await Promise.all([
      this.queues.stats(ids),
      this.queues.verdictsTodayBy(user.id, ids, timeZone),
    ]);
    return visible.map(({ queue: q, members }) => {
      const s = stats.get(q.id)!;
      return {
        ...queueSettings(q, members),
        depth: s.depth,
        inReview: s.inReview,
        oldestWaitingSeconds: s.oldestWaitingSeconds,
        myVerdictsToday: today.get(q.id) ?? 0,
      };
    });
  }

  /** Every queue `user` may pull from (active or not), with its member ids. */
  async pullableBy(user: Pick<AuthUser, 'id' | 'role'>): Promise<{ queue: Queue; members: string[] }[]> {
    const all = await this.queues.findAll();
    const members = await this.queues.membersOf(all.map((q) => q.id));
    return all
      .filter((q) => this.canPull(user, q, members.get(q.id)!))
      .map((queue) => ({ queue, members: members.get(queue.id)! }));
  }

  /** Guidelines are the one queue setting editors may change too (an ordinary, audited queue update). */
  setGuidelines(actor: AuthUser, slug: string, guidelines: string): Promise<QueueSettings> {
    return this.update(actor, slug, { guidelines });
  }

  create(actor: AuthUser, settings: NewQueue): Promise<QueueSettings> {
    this.assertRoutable(settings.slug, settings.routable);
    return this.changeQueues(async () => {
      const { members = [], ...fields } = settings;
      await this.assertUsersExist(members);
      let queue: Queue;
      try {
        queue = await this.queues.insert(fields);
      } catch (error) {
        if (isUniqueViolation(error, 'queues_slug_key'))
          throw new QueueException('QUEUE_SLUG_TAKEN', `Queue ${settings.slug} already exists`);
        throw error;
      }
      await this.queues.replaceMembers(queue.id, members);
      const created = queueSettings(queue, members);
      await this.audit.record({
        actorId: actor.id,
        action: 'queue.create',
        entity: 'queue',
        entityId: queue.id,
        after: created,
      });
      return created;
    });
  }

  update(actor: AuthUser, slug: string, change: QueueChange): Promise<QueueSettings> {
    this.assertRoutable(slug, change.routable);
    return this.changeQueues(async () => {
      const queue = await this.get(slug);
      const before = queueSettings(queue, (await this.queues.membersOf([queue.id])).get(queue.id)!);
      const { members, ...fields } = change;
      await this.queues.update(queue.id, fields);
      if (members) {
        await this.assertUsersExist(members);
        await this.queues.replaceMembers(queue.id, members);
      }
      const after = queueSettings(await this.get(slug), members ?? before.members);
      await this.audit.record({
        actorId: actor.id,
        action: 'queue.update',
        entity: 'queue',
        entityId: queue.id,
        before,
        after,
      });
      return after;
    });
  }

  private changeQueues<T>(work: () => Promise<T>): Promise<T> {
    return this.tx.run(work).finally(() => this.invalidation.publish('queues'));
  }

  /** Automatic routing into the adjudication queue would fill it with claims no reviewer has judged. */
  private assertRoutable(slug: string, routable: boolean | undefined): void {
    if (routable && takesEscalationsOnly(slug))
      throw new QueueException(
        'QUEUE_NOT_ROUTABLE',
        `Queue ${slug} takes only claims whose reviewers disagreed: new claims cannot be routed to it automatically`,
      );
  }

  private async assertUsersExist(userIds: string[]): Promise<void> {
    const unique = [...new Set(userIds)];
    if (unique.length && (await this.queues.countExistingUsers(unique)) !== unique.length) {
      throw new QueueException('USER_NOT_FOUND', 'Some members are not users');
    }
  }
}
