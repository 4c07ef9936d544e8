import { MigrationInterface, QueryRunner } from 'typeorm';
import { minhashBands } from '../src/claims/claim-minhash';

const BACKFILL_CHUNK = 5000;

/**
 * Similarity linking finds candidates through MinHash band keys (see src/claims/claim-minhash.ts) instead of the
 * pg_trgm `%` operator: the trigram GIN index walked long posting lists for every templated sentence (7–18 ms per
 * claim) and had to be rewritten on every claim insert and every routing update. pg_trgm stays for similarity().
 */
export class AddClaimMinhashBands1764140400000 implements MigrationInterface {
  name = 'AddClaimMinhashBands1764140400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims ADD COLUMN minhash_bands integer[] NOT NULL DEFAULT '{}'`);
    // The bands are computed in JavaScript (the same code the inserts use), a chunk at a time in id order.
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const rows = (await q.query(
        `SELECT id, normalized_text FROM claims WHERE id > $1 ORDER BY id LIMIT ${BACKFILL_CHUNK}`,
        [after],
      )) as { id: string; normalized_text: string }[];
      if (!rows.length) break;
      await q.query(
        `UPDATE claims c SET minhash_bands = v.bands::integer[] FROM unnest($1::uuid[], $2::text[]) AS v(id, bands) WHERE c.id = v.id`,
        [rows.map((r) => r.id), rows.map((r) => `{${minhashBands(r.normalized_text).join(',')}}`)],
      );
      after = rows[rows.length - 1].id;
    }
    // Searched right after each insert: entries go straight into the index, never into a pending list.
    await q.query(`CREATE INDEX claims_minhash_bands_idx ON claims USING gin (minhash_bands) WITH (fastupdate = off)`);
    await q.query(`DROP INDEX claims_normalized_text_trgm_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX claims_normalized_text_trgm_idx ON claims USING gin (normalized_text gin_trgm_ops) WITH (fastupdate = off)`,
    );
    await q.query(`DROP INDEX claims_minhash_bands_idx`);
    await q.query(`ALTER TABLE claims DROP COLUMN minhash_bands`);
  }
}
