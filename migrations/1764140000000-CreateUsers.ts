import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1764140000000 implements MigrationInterface {
  name = 'CreateUsers1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email         text NOT NULL,
        display_name  text NOT NULL,
        role          text NOT NULL,
        password_hash text NOT NULL,
        active        boolean NOT NULL DEFAULT true,
        token_version integer NOT NULL DEFAULT 0,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        CONSTRAINT users_role_check CHECK (role IN ('admin', 'editor', 'reviewer')),
        CONSTRAINT users_email_check CHECK (email = lower(email) AND position('@' in email) > 1)
      )`);
    // Emails are stored lower-cased, so a plain unique index makes them case-insensitively unique.
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE INDEX users_role_active_idx ON users (role, active)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE users`);
  }
}
