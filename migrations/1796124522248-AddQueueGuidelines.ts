import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reviewing guidelines per queue (Markdown, shown beside every claim pulled from it), kept by editors and admins. */
export class AddQueueGuidelines1796124522248 implements MigrationInterface {
  name = 'AddQueueGuidelines1796124522248';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE queues
        ADD COLUMN guidelines text NOT NULL DEFAULT '',
        ADD CONSTRAINT queues_guidelines_length_check CHECK (length(guidelines) <= 20000)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE queues DROP COLUMN guidelines`);
  }
}
