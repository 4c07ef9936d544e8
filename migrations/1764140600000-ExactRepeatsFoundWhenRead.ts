import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exact repeats (same normalized text) are no longer stored as similarity links: reads find them by the hash
 * index on normalized_text. The links stored for them before would show twice, so they go.
 */
export class ExactRepeatsFoundWhenRead1764140600000 implements MigrationInterface {
  name = 'ExactRepeatsFoundWhenRead1764140600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM claim_similarities s USING claims a, claims b
       WHERE a.id = s.claim_id AND b.id = s.similar_claim_id AND a.normalized_text = b.normalized_text`);
  }

  /** Stores them again, as the earlier code did: up to ten per claim, both ways. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH pairs AS (
        SELECT n.id AS a, o.id AS b FROM claims n
        CROSS JOIN LATERAL (
          SELECT c.id FROM claims c
           WHERE c.normalized_text = n.normalized_text AND c.article_id <> n.article_id
           ORDER BY c.created_at, c.id LIMIT 10
        ) o
        WHERE n.normalized_text <> ''
      )
      INSERT INTO claim_similarities (claim_id, similar_claim_id, similarity)
      SELECT a, b, 1 FROM pairs UNION ALL SELECT b, a, 1 FROM pairs
      ON CONFLICT ON CONSTRAINT claim_similarities_pkey DO NOTHING`);
  }
}
