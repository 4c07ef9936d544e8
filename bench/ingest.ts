/**
 * Ingest benchmark (not a test): the same 5,000 synthetic articles through (a) the extractor alone, in-process,
 * and (b) the full HTTP NDJSON import, then the seed article's single POST latency. Runs on a fresh database
 * `factcheck_bench_*` on DATABASE_URL's server (or 127.0.0.1:5432), dropped at the end.
 * `npm run bench:ingest` (BENCH_ARTICLES and BENCH_POSTS override the sizes; BENCH_PROFILE=1 adds the time spent
 * waiting on each statement, by its first line, during the import and during the posts).
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ClaimExtractor } from '../src/extraction/claim-extractor';
import { syntheticArticles, toNdjson } from '../test/support/synthetic-articles';

const ARTICLES = Number(process.env.BENCH_ARTICLES) || 5000;
const POSTS = Number(process.env.BENCH_POSTS) || 200;
const ADMIN = { email: 'bench-admin@bench.example', password: 'bench-password-1' };
const SEED = readFileSync(resolve(process.cwd(), 'test/fixtures/article-ukraine-live.txt'), 'utf8');

const PROFILE = process.env.BENCH_PROFILE === '1';
const statementTimes = new Map<string, { calls: number; ms: number }>();

/** Wall time from sending each statement to its result, summed by the statement's first 70 characters. */
function profileStatements(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original, called below with the patched call's `this`
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
    const start = performance.now();
    const result = query.apply(this, args);
    const record = () => {
      const entry = statementTimes.get(key) ?? { calls: 0, ms: 0 };
      entry.calls++;
      entry.ms += performance.now() - start;
      statementTimes.set(key, entry);
    };
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(record, record);
    return result;
  } as typeof Client.prototype.query;
}

function printStatementTimes(label: string): void {
  if (!PROFILE) return;
  const rows = [...statementTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
  console.log(label);
  console.table(
    rows.map(([statement, t]) => ({
      statement,
      calls: t.calls,
      'total ms': t.ms.toFixed(0),
      'ms/call': (t.ms / t.calls).toFixed(2),
    })),
  );
  statementTimes.clear();
}

const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `factcheck_bench_${Date.now()}`;
  const url = withDatabase(serverUrl, name);
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  try {
    const ds = await new DataSource(dataSourceOptions(url)).initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: url,
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'factcheck-bench-')),
    });
    await run();
  } finally {
    if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept database ${name}`);
    else await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function run(): Promise<void> {
  const articles = syntheticArticles(ARTICLES, Date.now().toString(36));
  const extractor = new ClaimExtractor();
  extractor.extract(SEED); // loads the language model outside the clock
  let t0 = performance.now();
  let claims = 0;
  for (const a of articles) claims += extractor.extract(a.body).filter((s) => s.isClaim).length;
  const extractionRate = ARTICLES / ((performance.now() - t0) / 1000);

  const app = await createApp({ logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  try {
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const auth = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;

    if (PROFILE) profileStatements();
    statementTimes.clear();
    t0 = performance.now();
    const res = await fetch(`${base}/articles/import`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-ndjson' },
      body: toNdjson(articles),
    });
    const report = (await res.json()) as { totals: Record<string, number> };
    const importRate = ARTICLES / ((performance.now() - t0) / 1000);
    if (report.totals?.created !== ARTICLES)
      throw new Error(`import: ${res.status} ${JSON.stringify(report.totals ?? report)}`);

    printStatementTimes('statements during the import');
    const latencies: number[] = [];
    for (let i = -5; i < POSTS; i++) {
      const body = JSON.stringify({ title: `Seed ${i}`, body: `${SEED}\n\nBench copy ${i}.` });
      const start = performance.now();
      const r = await fetch(`${base}/articles`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body,
      });
      await r.arrayBuffer();
      if (r.status !== 201) throw new Error(`seed post ${i}: ${r.status}`);
      if (i >= 0) latencies.push(performance.now() - start); // the first five warm up
    }
    printStatementTimes('statements during the posts');
    latencies.sort((a, b) => a - b);
    console.table([
      {
        measure: `(a) extraction only, ${ARTICLES} articles (${claims} claims)`,
        value: `${extractionRate.toFixed(0)} articles/s`,
      },
      { measure: `(b) HTTP NDJSON import, same articles`, value: `${importRate.toFixed(0)} articles/s` },
      { measure: 'ratio b/a (target ≥ 0.5)', value: (importRate / extractionRate).toFixed(2) },
      {
        measure: `seed article POST p50 over ${POSTS} (target < 20 ms)`,
        value: `${percentile(latencies, 50).toFixed(1)} ms`,
      },
      { measure: `seed article POST p99 over ${POSTS}`, value: `${percentile(latencies, 99).toFixed(1)} ms` },
    ]);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
