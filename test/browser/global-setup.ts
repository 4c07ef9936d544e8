import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { startServer } from '../../bench/lib/server-process';
import { LOCAL_SERVER, reachable, withDatabase } from '../setup/postgres-server';
import { ADMIN } from './support/api';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * A database of this run's own on TEST_DATABASE_URL's server or the local one; without either, the service's
 * embedded PostgreSQL in a temporary data folder. (test/setup/test-database.ts cannot be loaded here: Playwright's
 * TypeScript transform emits no decorator metadata, which the entities need. The service migrates it on start.)
 */
async function createDatabase(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL ?? LOCAL_SERVER;
  if (process.env.TEST_DATABASE === 'embedded' || !(await reachable(server))) {
    console.log('[browser-db] no PostgreSQL reachable: the service starts an embedded one');
    return { url: undefined, drop: () => Promise.resolve() };
  }
  const name = `factcheck_browser_test_${Date.now()}_${process.pid}`;
  const run = async (sql: string) => {
    const client = new Client({ connectionString: withDatabase(server, 'postgres') });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`CREATE DATABASE ${name}`);
  return { url: withDatabase(server, name), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A migrated database of its own and the built service (dist/, web/dist) on a free port, for this run only. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const database = await createDatabase();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    MIGRATIONS_RUN: 'true',
    PORT: String(port),
    PUBLIC_BASE_URL: baseUrl,
    JWT_SECRET: 'browser-secret-browser-secret-0123456789',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'factcheck-browser-data-')),
  };
  if (database.url) env.DATABASE_URL = database.url;
  else delete process.env.DATABASE_URL;
  const server = await startServer(env, resolve(__dirname, '../../dist/src/main.js'));
  process.env.WORKBENCH_URL = baseUrl;
  // What a test needs to start a second instance on the same database (test/browser/support/second-instance.ts).
  process.env.WORKBENCH_SERVER_ENV = JSON.stringify(env);

  return async () => {
    await server.stop();
    await database.drop();
  };
}
