import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { dataSourceOptions } from '../src/database/data-source-options';
import { createTestDatabase, TestDatabase } from './setup/test-database';

describe('migrations (e2e, own database)', () => {
  let database: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(database.ownerUrl));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await database.drop();
  });

  it('should revert every migration down to an empty schema and apply them all again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const tables = await ds.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    expect(tables).toEqual([]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM queues WHERE slug IN ('default', 'adjudication')`);
    expect(n).toBe(2);
  });

  it("should make jit = off the database's default, so the service's connections need no startup options", async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      expect((await client.query('SHOW jit')).rows[0].jit).toBe('off');
    } finally {
      await client.end();
    }
  });
});
