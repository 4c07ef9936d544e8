import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedServer, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { LOCAL_SERVER, reachable, withDatabase } from './postgres-server';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test run, built by the real migrations: on TEST_DATABASE_URL / DATABASE_URL's server
 * when given, else the local server on 127.0.0.1:5432 when reachable, else (or with TEST_DATABASE=embedded) an
 * embedded PostgreSQL.
 */
export async function createTestDatabase(log: (line: string) => void = () => undefined, prefix = 'factcheck_test'): Promise<TestDatabase> {
  let embedded: EmbeddedServer | undefined;
  const forceEmbedded = process.env.TEST_DATABASE === 'embedded';
  let serverUrl = process.env.TEST_DATABASE_URL ?? (forceEmbedded ? undefined : process.env.DATABASE_URL);
  if (!serverUrl) {
    if (!forceEmbedded && (await reachable(LOCAL_SERVER))) serverUrl = LOCAL_SERVER;
    else {
      log(forceEmbedded ? 'TEST_DATABASE=embedded: starting an embedded PostgreSQL' : 'no PostgreSQL on 127.0.0.1:5432: starting an embedded one');
      embedded = await startEmbeddedPostgres({ dir: join(tmpdir(), `factcheck-test-pg-${process.pid}`), persistent: false });
      serverUrl = embedded.url('postgres');
    }
  }
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const url = withDatabase(serverUrl, name);
  assertTestDatabase(url);
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  return {
    url,
    async drop() {
      const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      await embedded?.stop();
    },
  };
}

/** Tests and benchmarks seed freely: refuse any database whose name does not say it is for them. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!/test|bench/.test(name)) throw new Error(`Refusing to run tests against database "${name}" (name says neither test nor bench)`);
}
