import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Similarity linking searches right after each insert, so the trigram GIN index must not defer entries to its
 * pending list: every search would scan the whole unmerged list (measured: most of the ingest time).
 */
export class TuneClaimSimilarityIndexes1764140150000 implements MigrationInterface {
  name = 'TuneClaimSimilarityIndexes1764140150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER INDEX claims_normalized_text_trgm_idx SET (fastupdate = off)`);
    await q.query(`SELECT gin_clean_pending_list('claims_normalized_text_trgm_idx')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER INDEX claims_normalized_text_trgm_idx RESET (fastupdate)`);
  }
}
