import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { AdjudicationQueueNeverRoutes1796150000000 } from '../migrations/1796150000000-AdjudicationQueueNeverRoutes';
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

  it('should clear a routable adjudication queue set before the rule and refuse one from then on', async () => {
    const migration = new AdjudicationQueueNeverRoutes1796150000000();
    const runner = ds.createQueryRunner();
    try {
      await migration.down(runner);
      await runner.query(`UPDATE queues SET routable = true WHERE slug = 'adjudication'`);
      await migration.up(runner);
      const [{ routable }] = await runner.query(`SELECT routable FROM queues WHERE slug = 'adjudication'`);
      expect(routable).toBe(false);
      await expect(runner.query(`UPDATE queues SET routable = true WHERE slug = 'adjudication'`)).rejects.toMatchObject(
        {
          driverError: expect.objectContaining({ constraint: 'queues_adjudication_not_routable_check' }),
        },
      );
    } finally {
      await runner.release();
    }
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
