import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MinHash bands move from each claim to each distinct normalized text. A wire story reposted N times put N
 * identical band sets in the index, so every later copy's candidate search walked all N of them (and found
 * nothing it may link: exact repeats are read from the hash index). One row per text keeps that search to the
 * distinct texts; claims reach theirs by md5 of the normalized text. Rows whose claims are all gone stay behind,
 * harmless (they join to no claim).
 */
export class ClaimTextsCarryTheBands1764140700000 implements MigrationInterface {
  name = 'ClaimTextsCarryTheBands1764140700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claim_texts (
        text_md5        uuid PRIMARY KEY,
        normalized_text text NOT NULL,
        minhash_bands   integer[] NOT NULL
      )`);
    await q.query(`
      INSERT INTO claim_texts (text_md5, normalized_text, minhash_bands)
      SELECT DISTINCT ON (md5(normalized_text)) md5(normalized_text)::uuid, normalized_text, minhash_bands
        FROM claims WHERE normalized_text <> '' ORDER BY md5(normalized_text)`);
    // Searched right after each insert: entries go straight into the index, never into a pending list.
    await q.query(
      `CREATE INDEX claim_texts_minhash_bands_idx ON claim_texts USING gin (minhash_bands) WITH (fastupdate = off)`,
    );
    await q.query(`DROP INDEX claims_minhash_bands_idx`);
    await q.query(`ALTER TABLE claims DROP COLUMN minhash_bands`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims ADD COLUMN minhash_bands integer[] NOT NULL DEFAULT '{}'`);
    await q.query(
      `UPDATE claims c SET minhash_bands = t.minhash_bands FROM claim_texts t WHERE t.text_md5 = md5(c.normalized_text)::uuid`,
    );
    await q.query(`CREATE INDEX claims_minhash_bands_idx ON claims USING gin (minhash_bands) WITH (fastupdate = off)`);
    await q.query(`DROP TABLE claim_texts`);
  }
}
