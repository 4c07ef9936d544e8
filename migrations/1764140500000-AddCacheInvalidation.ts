import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * App instances cache what every request reads (a token's user, a queue's settings). A change to either notifies
 * every instance on one channel at commit, so the caches drop the entry within a round trip, whichever instance
 * made the change (or psql).
 */
export class AddCacheInvalidation1764140500000 implements MigrationInterface {
  name = 'AddCacheInvalidation1764140500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_cache_invalidation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('cache_invalidation', 'user:' || COALESCE(NEW.id, OLD.id));
        ELSE
          PERFORM pg_notify('cache_invalidation', 'queues');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_cache_invalidation AFTER UPDATE OF role, active, token_version OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION notify_cache_invalidation()`);
    await q.query(`
      CREATE TRIGGER queues_cache_invalidation AFTER INSERT OR UPDATE OR DELETE ON queues
        FOR EACH STATEMENT EXECUTE FUNCTION notify_cache_invalidation()`);
    await q.query(`
      CREATE TRIGGER queue_members_cache_invalidation AFTER INSERT OR UPDATE OR DELETE ON queue_members
        FOR EACH STATEMENT EXECUTE FUNCTION notify_cache_invalidation()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER queue_members_cache_invalidation ON queue_members`);
    await q.query(`DROP TRIGGER queues_cache_invalidation ON queues`);
    await q.query(`DROP TRIGGER users_cache_invalidation ON users`);
    await q.query(`DROP FUNCTION notify_cache_invalidation()`);
  }
}
