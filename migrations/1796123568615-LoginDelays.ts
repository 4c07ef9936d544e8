import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login limits as progressive delays per (account, address) and per address instead of a block per email: a row per
 * counter with its failures in the window, the checks reserved and not yet settled (taken before the password is
 * hashed; a crashed instance's reservations lapse at pending_until), when the next attempt may be checked, and the
 * attempts refused since the last audit summary. The counters are a
 * cache (UNLOGGED, rebuilt empty), so the old table is replaced rather than converted.
 */
export class LoginDelays1796123568615 implements MigrationInterface {
  name = 'LoginDelays1796123568615';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
    await q.query(`
      CREATE UNLOGGED TABLE login_failures (
        key            text PRIMARY KEY,
        email          text,
        ip             text NOT NULL,
        failures       integer NOT NULL CHECK (failures >= 0),
        window_ends_at timestamptz NOT NULL,
        next_at        timestamptz,
        refused        integer NOT NULL DEFAULT 0 CHECK (refused >= 0),
        refused_since  timestamptz,
        pending        integer NOT NULL DEFAULT 0 CHECK (pending >= 0),
        pending_until  timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
    await q.query(`
      CREATE UNLOGGED TABLE login_failures (
        key            text PRIMARY KEY,
        failures       integer NOT NULL CHECK (failures > 0),
        window_ends_at timestamptz NOT NULL,
        blocked_until  timestamptz
      )`);
  }
}
