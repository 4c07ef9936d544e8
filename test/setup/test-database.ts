import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ensureLoginRole, grantAppPrivileges, withLogin } from '../../src/database/app-role';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedServer, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { LOCAL_SERVER, reachable, withDatabase } from './postgres-server';

export interface TestDatabase {
  /** As the service connects: a login role of this database's own, with the privileges the migration step grants. */
  url: string;
  /** As the server's superuser, who created the database and ran the migrations (the schema owner). */
  ownerUrl: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test run, built by the real migrations, and its service role `<name>_app` (roles are
 * cluster-wide: one per database keeps parallel runs on one server apart; dropped with the database): on TEST_DATABASE_URL / DATABASE_URL's server
 * when given, else the local server on 127.0.0.1:5432 when reachable, else (or with TEST_DATABASE=embedded) an
 * embedded PostgreSQL.
 */
export async function createTestDatabase(
  log: (line: string) => void = () => undefined,
  prefix = 'factcheck_test',
): Promise<TestDatabase> {
  let embedded: EmbeddedServer | undefined;
  const forceEmbedded = process.env.TEST_DATABASE === 'embedded';
  let serverUrl = process.env.TEST_DATABASE_URL ?? (forceEmbedded ? undefined : process.env.DATABASE_URL);
  if (!serverUrl) {
    if (!forceEmbedded && (await reachable(LOCAL_SERVER))) serverUrl = LOCAL_SERVER;
    else {
      log(
        forceEmbedded
          ? 'TEST_DATABASE=embedded: starting an embedded PostgreSQL'
          : 'no PostgreSQL on 127.0.0.1:5432: starting an embedded one',
      );
      embedded = await startEmbeddedPostgres({
        dir: join(tmpdir(), `factcheck-test-pg-${process.pid}`),
        persistent: false,
      });
      serverUrl = embedded.url('postgres');
    }
  }
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const ownerUrl = withDatabase(serverUrl, name);
  assertTestDatabase(ownerUrl);
  const appRole = `${name}_app`;
  const appPassword = randomBytes(18).toString('base64url');
  await ensureLoginRole(ownerUrl, appRole, appPassword);
  const dataSource = new DataSource(dataSourceOptions(ownerUrl));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await grantAppPrivileges(dataSource, appRole, log);
  await dataSource.destroy();

  return {
    url: withLogin(ownerUrl, appRole, appPassword),
    ownerUrl,
    async drop() {
      const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS ${appRole}`);
      await client.end();
      await embedded?.stop();
    },
  };
}

/** Tests and benchmarks seed freely: refuse any database whose name does not say it is for them. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!/test|bench/.test(name))
    throw new Error(`Refusing to run tests against database "${name}" (name says neither test nor bench)`);
}
