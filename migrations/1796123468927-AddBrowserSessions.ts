import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions (the workbench's cookie sign-in). The cookie holds a random secret; only its SHA-256 is stored,
 * so a copy of the table signs nobody in. A session remembers the role and token version it was opened under and is
 * honoured only while they still match the user (the bearer tokens' rule), so a role change, deactivation or password
 * reset ends it at once; signing out ends just that session.
 */
export class AddBrowserSessions1796123468927 implements MigrationInterface {
  name = 'AddBrowserSessions1796123468927';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE browser_sessions (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        secret_hash   bytea NOT NULL,
        user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role          text NOT NULL,
        token_version integer NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz NOT NULL,
        ended_at      timestamptz,
        CONSTRAINT browser_sessions_secret_hash_key UNIQUE (secret_hash),
        CONSTRAINT browser_sessions_expiry_check CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX browser_sessions_user_idx ON browser_sessions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE browser_sessions`);
  }
}
