import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';

export interface LockedClaim {
  id: string;
  status: string;
  queueId: string | null;
  round: number;
  articleId: string;
  roundLabels: string[];
  finalLabel: string | null;
}

/** Row-level operations on a claim's workflow state; callers hold the claim's row lock (`lock`) first. */
@Injectable()
export class ClaimWorkflowRepository {
  constructor(private readonly tx: TransactionContext) {}

  async lock(claimId: string): Promise<LockedClaim | null> {
    const [row] = await this.tx.manager.query(
      `SELECT id, status, queue_id AS "queueId", round, article_id AS "articleId", round_labels AS "roundLabels", final_label AS "finalLabel"
       FROM claims WHERE id = $1 FOR UPDATE`,
      [claimId],
    );
    return row ?? null;
  }

  /** The claim's status and queue without a lock (for showing what may be done; every change locks again). */
  async findState(claimId: string): Promise<Pick<LockedClaim, 'status' | 'queueId'> | null> {
    const [row] = await this.tx.manager.query(`SELECT status, queue_id AS "queueId" FROM claims WHERE id = $1`, [claimId]);
    return row ?? null;
  }

  async exists(claimId: string): Promise<boolean> {
    const [row] = await this.tx.manager.query(`SELECT 1 FROM claims WHERE id = $1`, [claimId]);
    return Boolean(row);
  }

  async reserve(claimId: string, userId: string): Promise<void> {
    await this.tx.manager.query(`UPDATE claims SET reserved_for = $2, priority = 1, updated_at = now() WHERE id = $1`, [claimId, userId]);
  }

  /** Ends every live lease of the claim (resolution and reopening make them moot). */
  async releaseLeases(claimId: string): Promise<void> {
    await this.tx.manager.query(`UPDATE assignments SET status = 'released', ended_at = now() WHERE claim_id = $1 AND status = 'active'`, [claimId]);
  }

  async finalize(claimId: string, fields: { label: string; source: 'consensus' | 'adjudication'; adjudicatorId?: string; rationale?: string }): Promise<void> {
    await this.tx.manager.query(
      `UPDATE claims SET status = $2, final_label = $2, resolution_source = $3, adjudicator_id = $4, resolution_rationale = $5,
              finalized_at = now(), lease_expiries = '{}', reserved_for = NULL, priority = 0, updated_at = now()
       WHERE id = $1`,
      [claimId, fields.label, fields.source, fields.adjudicatorId ?? null, fields.rationale ?? null],
    );
  }

  /** A new round in `queueId`: earlier verdicts stay, the round's counters start empty. */
  async startNewRound(claimId: string, queueId: string): Promise<number> {
    const [{ round }] = await this.tx.manager.query(
      `WITH reopened AS (
         UPDATE claims SET round = round + 1, status = 'queued', queue_id = $2, queued_at = now(), final_label = NULL,
                resolution_source = NULL, adjudicator_id = NULL, resolution_rationale = NULL, finalized_at = NULL,
                round_labels = '{}', lease_expiries = '{}', excluded_reviewers = '{}', reserved_for = NULL, priority = 0, updated_at = now()
         WHERE id = $1 RETURNING round)
       SELECT round FROM reopened`,
      [claimId, queueId],
    );
    return round;
  }
}
