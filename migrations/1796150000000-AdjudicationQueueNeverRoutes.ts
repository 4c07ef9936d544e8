import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The adjudication queue takes escalations only: new claims are never routed to it. QueuesService refuses
 * `routable: true` for it, but a deployment may have set that before the rule existed, and the settings page no
 * longer shows the switch for that queue; so the flag is cleared here and the database holds the rule from now on.
 */
export class AdjudicationQueueNeverRoutes1796150000000 implements MigrationInterface {
  name = 'AdjudicationQueueNeverRoutes1796150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE queues SET routable = false WHERE slug = 'adjudication' AND routable`);
    await q.query(
      `ALTER TABLE queues ADD CONSTRAINT queues_adjudication_not_routable_check CHECK (slug <> 'adjudication' OR NOT routable)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE queues DROP CONSTRAINT queues_adjudication_not_routable_check`);
  }
}
