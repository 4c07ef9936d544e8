import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed-login counters shared by every instance (they were per process, so N instances allowed N times the
 * attempts). UNLOGGED: counters need no WAL and may be lost in a crash, like a cache's.
 */
export class AddLoginFailures1764140900000 implements MigrationInterface {
  name = 'AddLoginFailures1764140900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE login_failures (
        key            text PRIMARY KEY,
        failures       integer NOT NULL CHECK (failures > 0),
        window_ends_at timestamptz NOT NULL,
        blocked_until  timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
  }
}
