import { resolve } from 'node:path';
import { startServer } from '../../../bench/lib/server-process';
import { freePort } from '../../../src/database/embedded-postgres';

/**
 * Another process of the built service on the suite's database (as a second instance behind a load balancer
 * would be), or null when the suite runs on an embedded PostgreSQL that a second process cannot share.
 */
export async function startSecondInstance(): Promise<{ url: string; stop: () => Promise<void> } | null> {
  const env = JSON.parse(process.env.WORKBENCH_SERVER_ENV ?? '{}') as Record<string, string>;
  if (!env.DATABASE_URL) return null;
  const port = String(await freePort());
  return startServer(
    { ...env, PORT: port, PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, MIGRATIONS_RUN: 'false' },
    resolve(__dirname, '../../../dist/src/main.js'),
  );
}
