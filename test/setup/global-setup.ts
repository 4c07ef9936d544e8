import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from './test-database';

declare global {
  var __TEST_DATABASE__: TestDatabase | undefined;
}

/** One database per `npm test` run; the workers inherit its URL and a quiet, deterministic environment. */
export default async function globalSetup(): Promise<void> {
  const database = await createTestDatabase((line) => console.log(`[test-db] ${line}`));
  globalThis.__TEST_DATABASE__ = database;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    // The service's own role; the owner runs migrations and is what tests inject faults or check privileges with.
    DATABASE_URL: database.url,
    MIGRATIONS_DATABASE_URL: database.ownerUrl,
    // Suites that need a database of their own create it on the same server.
    TEST_DATABASE_URL: database.ownerUrl,
    MIGRATIONS_RUN: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    ADMIN_EMAIL: 'admin@test.example',
    ADMIN_PASSWORD: 'admin-password-1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'factcheck-test-data-')),
  });
}
