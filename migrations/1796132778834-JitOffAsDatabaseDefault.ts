import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * JIT off as the database's default instead of a startup parameter (`options=-c jit=off`), which a transaction
 * pooler refuses (pgbouncer: "unsupported startup parameter: options"). JIT compiles plans of statements that run in
 * milliseconds; with fresh, unanalyzed tables the planner's row guesses are huge and compiling costs far more than
 * running (measured on the ingest path). Only the database's owner (or a superuser) may set it: any other migrating
 * role gets a warning naming the statement to run once, and the service works either way.
 */
export class JitOffAsDatabaseDefault1796132778834 implements MigrationInterface {
  name = 'JitOffAsDatabaseDefault1796132778834';

  async up(q: QueryRunner): Promise<void> {
    await q.query(alterDatabase('SET jit = off'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(alterDatabase('RESET jit'));
  }
}

function alterDatabase(change: string): string {
  return `
    DO $$
    DECLARE
      statement text := format('ALTER DATABASE %I ${change}', current_database());
    BEGIN
      IF pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'USAGE') THEN
        EXECUTE statement;
      ELSE
        RAISE WARNING 'not the database owner: run "%" as its owner once', statement;
      END IF;
    END $$`;
}
