import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { ClaimStatus } from './claim-lifecycle';

export interface SimilarClaimRow {
  id: string;
  articleId: string;
  text: string;
  status: ClaimStatus;
  similarity: number;
  articleTitle: string;
  articleUrl: string | null;
}

/** Enough to show a reviewer where a claim was seen before, without one popular sentence linking to thousands. */
export const MAX_LINKS_PER_CLAIM = 10;

/**
 * Links are stored in both directions (A→B and B→A), so reading "similar to X" is one lookup on the primary key
 * prefix and deleting a claim cascades both rows.
 */
@Injectable()
export class ClaimSimilarityRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Must run inside a transaction: set_config(..., true) is SET LOCAL, and with it the `%` operator uses the trigram
   * GIN index instead of computing similarity() against every claim. Exact repeats come first from the hash index;
   * the fuzzy search only runs when they do not fill the limit (Limit over UNION ALL stops pulling rows early),
   * which keeps an article reposted many times from comparing trigrams against every copy.
   */
  async linkSimilar(claimIds: string[], threshold: number): Promise<void> {
    if (!claimIds.length) return;
    // jit off: before autovacuum has analyzed a fresh table the planner's row guesses are huge, and compiling the
    // query would cost far more than running it.
    await this.tx.manager.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true), set_config('jit', 'off', true)`, [String(threshold)]);
    await this.tx.manager.query(
      `WITH pairs AS (
         SELECT n.id AS a, o.id AS b, o.similarity
           FROM claims n
           CROSS JOIN LATERAL (
             (SELECT c.id, 1::real AS similarity FROM claims c
               WHERE c.article_id <> n.article_id AND c.normalized_text = n.normalized_text
               LIMIT ${MAX_LINKS_PER_CLAIM})
             UNION ALL
             (SELECT c.id, similarity(c.normalized_text, n.normalized_text) FROM claims c
               WHERE c.article_id <> n.article_id AND c.normalized_text <> n.normalized_text AND c.normalized_text % n.normalized_text
               ORDER BY 2 DESC
               LIMIT ${MAX_LINKS_PER_CLAIM})
             LIMIT ${MAX_LINKS_PER_CLAIM}
           ) o
          WHERE n.id = ANY($1::uuid[]) AND n.normalized_text <> ''
       )
       INSERT INTO claim_similarities (claim_id, similar_claim_id, similarity)
       SELECT a, b, similarity FROM pairs UNION ALL SELECT b, a, similarity FROM pairs
       ON CONFLICT ON CONSTRAINT claim_similarities_pkey DO NOTHING`,
      [claimIds],
    );
  }

  async unlink(claimId: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM claim_similarities WHERE claim_id = $1 OR similar_claim_id = $1`, [claimId]);
  }

  findSimilar(claimId: string): Promise<SimilarClaimRow[]> {
    return this.tx.manager.query(
      `SELECT c.id, c.article_id AS "articleId", c.text, c.status, s.similarity,
              a.title AS "articleTitle", a.url AS "articleUrl"
         FROM claim_similarities s
         JOIN claims c ON c.id = s.similar_claim_id
         JOIN articles a ON a.id = c.article_id
        WHERE s.claim_id = $1
        ORDER BY s.similarity DESC, c.id`,
      [claimId],
    );
  }
}
