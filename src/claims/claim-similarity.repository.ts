import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { SimilarClaim } from './claim.types';

/** Enough to show a reviewer where a claim was seen before, without one popular sentence linking to thousands. */
export const MAX_LINKS_PER_CLAIM = 10;

/** Band-sharing claims compared exactly per new claim: bounds the work for a sentence that recurs with variations. */
export const MAX_CANDIDATES = 20;

/** Which of several claims with one text a reviewer sees first (claims aliased `c`): settled ones, then the oldest. */
const SETTLED_FIRST = 'c.final_label IS NULL, c.created_at, c.id';

/**
 * Links are stored in both directions (A→B and B→A), so reading "similar to X" is one lookup on the primary key
 * prefix and deleting a claim cascades both rows.
 */
@Injectable()
export class ClaimSimilarityRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Stores links to near repeats only. Exact repeats (same normalized text) are found when read, from the hash
   * index (findSimilar): storing them cost every copy of a reposted article ten rows each way per claim.
   * Fuzzy candidates are distinct texts (claim_texts) sharing a MinHash band (claim-minhash.ts) with the new
   * claim's; at most MAX_CANDIDATES of them get pg_trgm's similarity(), so a sentence repeated with small changes
   * all over a corpus costs a bounded amount, and copies of one text are one candidate. The claims with a
   * matching text are linked, settled ones first. Runs in the caller's transaction.
   */
  async linkSimilar(claimIds: string[], threshold: number): Promise<void> {
    if (!claimIds.length) return;
    // Index lookups whatever the statistics say: a plan made while claim_texts was small scans it (seen in CI).
    await this.tx.preferIndexScans();
    await this.tx.prepared(
      'claims_link_similar',
      `WITH pairs AS (
         SELECT n.id AS a, o.id AS b, o.similarity
           FROM claims n
           JOIN claim_texts me ON me.text_md5 = md5(n.normalized_text)::uuid
           CROSS JOIN LATERAL (
             SELECT c.id, t.similarity FROM (
               SELECT t.normalized_text, similarity(t.normalized_text, n.normalized_text) AS similarity
                 FROM (SELECT t.normalized_text FROM claim_texts t
                        WHERE t.minhash_bands && me.minhash_bands AND t.text_md5 <> me.text_md5
                        LIMIT ${MAX_CANDIDATES}) t
             ) t
             CROSS JOIN LATERAL (
               SELECT c.id FROM claims c
                WHERE c.normalized_text = t.normalized_text AND c.article_id <> n.article_id
                ORDER BY ${SETTLED_FIRST}
                LIMIT ${MAX_LINKS_PER_CLAIM}
             ) c
             WHERE t.similarity >= $2
             ORDER BY t.similarity DESC
             LIMIT ${MAX_LINKS_PER_CLAIM}
           ) o
          WHERE n.id = ANY($1::uuid[]) AND n.normalized_text <> ''
       )
       INSERT INTO claim_similarities (claim_id, similar_claim_id, similarity)
       SELECT a, b, similarity FROM pairs UNION ALL SELECT b, a, similarity FROM pairs
       ON CONFLICT ON CONSTRAINT claim_similarities_pkey DO NOTHING`,
      [claimIds, threshold],
    );
  }

  async unlink(claimId: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM claim_similarities WHERE claim_id = $1 OR similar_claim_id = $1`, [
      claimId,
    ]);
  }

  /**
   * Near repeats (stored links) and exact repeats in other articles (same normalized text, by the hash index;
   * settled ones first, then the oldest), at most MAX_LINKS_PER_CLAIM of each: most similar first, and among
   * equals the settled, then the oldest. `settledOnly`: only those with a final label (what a reviewer is shown
   * as known claims: other claims' settled outcomes, never verdicts in progress).
   */
  findSimilar(claimId: string, settledOnly = false): Promise<SimilarClaim[]> {
    return this.tx.manager.query<SimilarClaim[]>(
      `WITH me AS (SELECT article_id, normalized_text FROM claims WHERE id = $1),
       found AS (
         (SELECT c.id, 1::real AS similarity FROM claims c, me
           WHERE c.normalized_text = me.normalized_text AND me.normalized_text <> '' AND c.article_id <> me.article_id
           ORDER BY ${SETTLED_FIRST}
           LIMIT ${MAX_LINKS_PER_CLAIM})
         UNION ALL
         (SELECT s.similar_claim_id, s.similarity FROM claim_similarities s WHERE s.claim_id = $1
           ORDER BY s.similarity DESC, s.similar_claim_id
           LIMIT ${MAX_LINKS_PER_CLAIM})
       )
       SELECT c.id, c.article_id AS "articleId", c.text, c.status, f.similarity, c.final_label AS "finalLabel", c.finalized_at AS "finalizedAt",
              a.title AS "articleTitle", a.url AS "articleUrl"
         FROM found f
         JOIN claims c ON c.id = f.id
         JOIN articles a ON a.id = c.article_id
        WHERE NOT $2 OR c.final_label IS NOT NULL
        ORDER BY f.similarity DESC, ${SETTLED_FIRST}`,
      [claimId, settledOnly],
    );
  }
}
