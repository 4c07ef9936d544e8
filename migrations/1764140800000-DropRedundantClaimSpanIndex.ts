import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * claims_article_start_idx (article_id, start) is a prefix of the unique claims_article_span_key
 * (article_id, start, "end"), which serves every lookup it did; keeping both cost an extra index entry per
 * claim written (ingestion writes thousands a second).
 */
export class DropRedundantClaimSpanIndex1764140800000 implements MigrationInterface {
  name = 'DropRedundantClaimSpanIndex1764140800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claims_article_start_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX claims_article_start_idx ON claims (article_id, start)`);
  }
}
