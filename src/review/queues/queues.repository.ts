import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { ClaimStatus, PULLABLE, sqlStatuses, WAITING } from '../claim-lifecycle';
import { MATCHING_QUEUE } from '../routing/matching-queue.sql';
import { Queue } from './queue.entity';
import { QueueStats } from './queue.types';

@Injectable()
export class QueuesRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get queues() {
    return this.tx.manager.getRepository(Queue);
  }

  /** The one lookup of a queue by slug (or id), with its member ids in the same round trip (every pull needs both). */
  async findWithMembers(by: { slug: string } | { id: string }): Promise<{ queue: Queue; members: string[] } | null> {
    const row = await this.queues
      .createQueryBuilder('q')
      .addSelect('ARRAY(SELECT m.user_id FROM queue_members m WHERE m.queue_id = q.id)', 'members')
      .where('slug' in by ? 'q.slug = :slug' : 'q.id = :id', by)
      .getRawAndEntities();
    return row.entities[0]
      ? { queue: row.entities[0], members: (row.raw as { members: string[] | null }[])[0].members ?? [] }
      : null;
  }

  findAll(): Promise<Queue[]> {
    return this.queues.find({ order: { routingOrder: 'ASC', slug: 'ASC' } });
  }

  async insert(queue: Partial<Queue>): Promise<Queue> {
    const { identifiers } = await this.queues.insert(queue);
    return (await this.queues.findOneBy({ id: identifiers[0].id as string }))!;
  }

  async update(id: string, patch: Partial<Queue>): Promise<void> {
    if (Object.keys(patch).length) await this.queues.update({ id }, patch);
  }

  async membersOf(queueIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.tx.manager.query<{ queue_id: string; user_id: string }[]>(
      `SELECT queue_id, user_id FROM queue_members WHERE queue_id = ANY($1::uuid[]) ORDER BY user_id`,
      [queueIds],
    );
    const members = new Map<string, string[]>(queueIds.map((id) => [id, []]));
    for (const r of rows) members.get(r.queue_id)!.push(r.user_id);
    return members;
  }

  async replaceMembers(queueId: string, userIds: string[]): Promise<void> {
    await this.tx.manager.query(`DELETE FROM queue_members WHERE queue_id = $1`, [queueId]);
    await this.tx.manager.query(
      `INSERT INTO queue_members (queue_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [queueId, userIds],
    );
  }

  async countExistingUsers(userIds: string[]): Promise<number> {
    const [{ n }] = await this.tx.manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[])`,
      [userIds],
    );
    return n;
  }

  async stats(queueIds: string[]): Promise<Map<string, QueueStats>> {
    const rows = await this.tx.manager.query<QueueStats[]>(
      `SELECT q.id AS "queueId",
              count(c.id) FILTER (WHERE c.status IN ${sqlStatuses(WAITING)})::int AS depth,
              count(c.id) FILTER (WHERE c.status IN ${sqlStatuses([ClaimStatus.InReview])})::int AS "inReview",
              extract(epoch FROM now() - min(c.queued_at) FILTER (WHERE c.status IN ${sqlStatuses(WAITING)}))::int AS "oldestWaitingSeconds"
       FROM queues q LEFT JOIN claims c ON c.queue_id = q.id AND c.status IN ${sqlStatuses(PULLABLE)}
       WHERE q.id = ANY($1::uuid[]) GROUP BY q.id`,
      [queueIds],
    );
    return new Map(rows.map((r) => [r.queueId, r]));
  }

  /** Verdicts `userId` gave since the start of today in `timeZone`, per queue the claim was leased from. */
  async verdictsTodayBy(userId: string, queueIds: string[], timeZone: string): Promise<Map<string, number>> {
    const rows = await this.tx.manager.query<{ queueId: string; n: number }[]>(
      `SELECT a.queue_id AS "queueId", count(*)::int AS n
         FROM verdicts v JOIN assignments a ON a.id = v.assignment_id
        WHERE v.user_id = $1 AND v.created_at >= date_trunc('day', now(), $3) AND a.queue_id = ANY($2::uuid[])
        GROUP BY a.queue_id`,
      [userId, queueIds, timeZone],
    );
    return new Map(rows.map((r) => [r.queueId, r.n]));
  }

  async matchingQueueId(claimId: string): Promise<string | null> {
    const [row] = await this.tx.manager.query<{ queue_id: string | null }[]>(
      `SELECT ${MATCHING_QUEUE} AS queue_id FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = $1`,
      [claimId],
    );
    return row?.queue_id ?? null;
  }
}
