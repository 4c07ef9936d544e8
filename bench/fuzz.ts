/**
 * Fuzz benchmark (not a test): test/fuzz.e2e-spec.ts at scale, 50,000 generated requests over every operation ×
 * caller (BENCH_FUZZ_REQUESTS to change, BENCH_FUZZ_SEED for another sequence) on a fresh database on
 * DATABASE_URL's server (or 127.0.0.1:5432, else embedded), dropped at the end. Prints the answers by status,
 * every violation (an answer ≥ 500, an error body not in the one shape, PostgreSQL's words reaching a client) and
 * the partial-write checks; exits 1 if any failed.
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../test/setup/test-database';
import { fuzzSession } from '../test/support/fuzz-session';
import { ADMIN, TestApp } from '../test/support/test-app';
import { describeRequest } from './lib/openapi-fuzz';
import { formatTable } from './lib/stats';

const REQUESTS = Number(process.env.BENCH_FUZZ_REQUESTS) || 50_000;
const SEED = Number(process.env.BENCH_FUZZ_SEED) || 20261201;

async function main(): Promise<void> {
  const database = await createTestDatabase((line) => console.log(line), 'factcheck_bench');
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    MIGRATIONS_RUN: 'false',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'factcheck-bench-')),
    TRUST_PROXY: 'loopback',
  });
  const t = await TestApp.start();
  let failed: boolean;
  try {
    const start = performance.now();
    const outcome = await fuzzSession(t, {
      seed: SEED,
      requests: REQUESTS,
      concurrency: 8,
      onRound: (r) =>
        console.log(
          `  ${r.sent.toLocaleString()} sent, ${r.violations.length} violations, ${((performance.now() - start) / 1000).toFixed(0)} s`,
        ),
    });
    const seconds = (performance.now() - start) / 1000;
    const { report } = outcome;
    console.log(
      `${report.sent.toLocaleString()} requests over ${outcome.operations} operations × 5 callers in ${seconds.toFixed(0)} s (${(report.sent / seconds).toFixed(0)} requests/s), seed ${SEED}`,
    );
    console.log(
      formatTable(
        ['status', 'answers'],
        Object.entries(report.byStatus).map(([status, n]) => [status, n]),
      ),
    );
    console.log(
      formatTable(
        ['operation', '2xx'],
        Object.entries(report.successes)
          .sort()
          .map(([op, n]) => [op, n]),
      ),
    );
    console.log(`violations: ${report.violations.length}`);
    for (const v of report.violations.slice(0, 20)) console.log(`  ${describeRequest(v)}`);
    console.log(
      `claims with an inexact span: ${outcome.inexactSpans}; articles without their extracted claims: ${outcome.articlesWithoutTheirClaims.length}`,
    );
    console.log(
      formatTable(
        ['audit check', 'rows', 'successes'],
        Object.entries(outcome.audit).map(([what, a]) => [what, a.rows, a.successes]),
      ),
    );
    failed =
      report.violations.length > 0 ||
      outcome.inexactSpans > 0 ||
      outcome.articlesWithoutTheirClaims.length > 0 ||
      Object.values(outcome.audit).some((a) => a.rows !== a.successes);
  } finally {
    await t.close();
    await database.drop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
