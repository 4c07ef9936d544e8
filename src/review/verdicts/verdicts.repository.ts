import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { AdjudicationCase, MyVerdict, Verdict } from './verdict.types';

export const VERDICT_COLUMNS = `v.id, v.claim_id AS "claimId", v.assignment_id AS "assignmentId", v.user_id AS "reviewerId", v.round, v.label,
  v.rationale, v.sources, v.confidence, v.created_at AS "createdAt"`;

@Injectable()
export class VerdictsRepository {
  constructor(private readonly tx: TransactionContext) {}

  async findByAssignment(assignmentId: string): Promise<(Verdict & { idempotencyKey: string | null }) | null> {
    const [row] = await this.tx.manager.query<(Verdict & { idempotencyKey: string | null })[]>(
      `SELECT ${VERDICT_COLUMNS}, v.idempotency_key AS "idempotencyKey" FROM verdicts v WHERE v.assignment_id = $1`,
      [assignmentId],
    );
    return row ?? null;
  }

  /** All verdicts of a claim, or only one reviewer's. */
  forClaim(claimId: string, reviewerId?: string): Promise<Verdict[]> {
    return this.tx.manager.query<Verdict[]>(
      `SELECT ${VERDICT_COLUMNS} FROM verdicts v WHERE v.claim_id = $1 AND ($2::uuid IS NULL OR v.user_id = $2) ORDER BY v.round, v.created_at`,
      [claimId, reviewerId ?? null],
    );
  }

  /** A reviewer's own verdicts, newest first, with their claims; the claim's label only once it is final. */
  async byReviewer(reviewerId: string, limit: number, offset: number): Promise<{ items: MyVerdict[]; total: number }> {
    const [items, [{ total }]] = await Promise.all([
      this.tx.manager.query<MyVerdict[]>(
        `SELECT ${VERDICT_COLUMNS}, c.text AS "claimText", c.article_id AS "articleId", ar.title AS "articleTitle", q.slug AS queue,
                c.final_label AS "finalLabel"
           FROM verdicts v
           JOIN claims c ON c.id = v.claim_id
           JOIN articles ar ON ar.id = c.article_id
           JOIN assignments a ON a.id = v.assignment_id
           JOIN queues q ON q.id = a.queue_id
          WHERE v.user_id = $1
          ORDER BY v.created_at DESC, v.id
          LIMIT $2 OFFSET $3`,
        [reviewerId, limit, offset],
      ),
      this.tx.manager.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM verdicts WHERE user_id = $1`, [
        reviewerId,
      ]),
    ]);
    return { items, total };
  }

  /** A claim in its article, for adjudication; null when there is no such claim. */
  async caseClaim(claimId: string): Promise<Pick<AdjudicationCase, 'claim' | 'article'> | null> {
    const [row] = await this.tx.manager.query<Pick<AdjudicationCase, 'claim' | 'article'>[]>(
      `SELECT json_build_object('id', c.id, 'text', c.text, 'start', c.start, 'end', c."end", 'speaker', c.speaker, 'status', c.status,
                'round', c.round, 'finalLabel', c.final_label, 'settledBy', c.resolution_source, 'resolutionRationale', c.resolution_rationale,
                'adjudicatorId', c.adjudicator_id, 'finalizedAt', c.finalized_at) AS claim,
              json_build_object('id', a.id, 'title', a.title, 'url', a.url, 'source', a.source, 'publishedAt', a.published_at, 'body', a.body) AS article
         FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = $1`,
      [claimId],
    );
    return row ?? null;
  }

  /** The current round's reviewer verdicts, oldest first: the adjudicator's own ruling is not one of them. */
  roundVerdicts(claimId: string): Promise<(Verdict & { reviewerName: string })[]> {
    return this.tx.manager.query<(Verdict & { reviewerName: string })[]>(
      `SELECT ${VERDICT_COLUMNS}, u.display_name AS "reviewerName"
         FROM claims c JOIN verdicts v ON v.claim_id = c.id AND v.round = c.round JOIN users u ON u.id = v.user_id
        WHERE c.id = $1 AND v.user_id IS DISTINCT FROM c.adjudicator_id
        ORDER BY v.created_at, v.id`,
      [claimId],
    );
  }

  async claimStatus(claimId: string): Promise<string | null> {
    const [row] = await this.tx.manager.query<{ status: string }[]>(`SELECT status FROM claims WHERE id = $1`, [
      claimId,
    ]);
    return row?.status ?? null;
  }
}
