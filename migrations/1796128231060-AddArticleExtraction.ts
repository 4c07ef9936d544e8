import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether an article's claims were extracted: the model is English-only, so an article in another language is stored
 * with no extracted claims and says so instead of looking like an article without claims.
 */
export class AddArticleExtraction1796128231060 implements MigrationInterface {
  name = 'AddArticleExtraction1796128231060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE articles ADD COLUMN extraction text NOT NULL DEFAULT 'extracted'
        CONSTRAINT articles_extraction_check CHECK (extraction IN ('extracted', 'unsupported language'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE articles DROP COLUMN extraction');
  }
}
