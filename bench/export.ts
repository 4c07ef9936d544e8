/**
 * bench/export: GET /exports/verdicts in each format over HTTP to a discarding client (bytes and rows counted,
 * time to first byte, the server's peak RSS sampled from /proc), beside the very same export statement through
 * `COPY (…) TO STDOUT (FORMAT csv)` via psql, on the same freshly seeded database in the same run.
 *
 *   npm run bench:export                 # 1,000,000 final claims with 2 verdicts each
 *   BENCH_ROWS=100000 npm run bench:export
 *   BENCH_KEEP_DB=1 …                    # keeps the seeded database and prints its URL
 *   BENCH_DATABASE_URL=<that url> …      # reuses a database seeded by an earlier run (BENCH_ROWS must match)
 *   BENCH_FORMATS=csv,ndjson …           # only these formats
 */
import { hash } from '@node-rs/argon2';
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { escapeLiteral, Pool } from 'pg';
import { FINAL_LABELS } from '../src/review/claim-lifecycle';
import { ExportFilters, Projection } from '../src/exports/export-filters';
import { exportQuery } from '../src/exports/export-query.sql';
import { createTestDatabase } from '../test/setup/test-database';
import { procCpuMs, procStatusKb, startServer } from './lib/server-process';
import { formatTable } from './lib/stats';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PER_ARTICLE = 100;
const PASSWORD = 'bench-password-1';
const FORMATS: { format: string; projection: Projection; marker: string }[] = [
  { format: 'csv', projection: 'csv', marker: '\n' },
  { format: 'ndjson', projection: 'json', marker: '\n' },
  { format: 'json', projection: 'json', marker: '"claimId"' },
  { format: 'claimreview', projection: 'json', marker: '"ClaimReview"' },
];

interface Run {
  name: string;
  rows: number;
  bytes: number;
  seconds: number;
  firstByteMs: number;
  peakRssMb?: number;
  /** CPU the server spent on the export (from /proc): comparable between runs when the machine's load is not. */
  serverCpuMs?: number;
}

async function seed(pool: Pool): Promise<void> {
  const passwordHash = await hash(PASSWORD);
  const {
    rows: [{ id: adminId }],
  } = await pool.query<{ id: string }>(
    `INSERT INTO users (email, display_name, role, password_hash) VALUES ('bench-admin@bench.example', 'Bench', 'admin', $1) RETURNING id`,
    [passwordHash],
  );
  const { rows: reviewers } = await pool.query<{ id: string }>(
    `INSERT INTO users (email, display_name, role, password_hash)
     SELECT 'reviewer-' || i || '@bench.example', 'Reviewer ' || i, 'reviewer', $1 FROM generate_series(1, 2) i RETURNING id`,
    [passwordHash],
  );
  const {
    rows: [{ id: queueId }],
  } = await pool.query<{ id: string }>(
    `INSERT INTO queues (slug, pull_role, verdicts_required, routable) VALUES ('bench', 'reviewer', 2, false) RETURNING id`,
  );
  const sentence = 'The ministry said 42 schools were rebuilt in 2024 across 7 regions.';
  await pool.query(
    `INSERT INTO articles (title, body, body_sha256, url, source, published_at, created_by)
     SELECT 'Bench article ' || i, $1 || i, encode(sha256(convert_to($1 || i, 'UTF8')), 'hex'), 'https://news.example/a/' || i, 'Bench',
            now() - make_interval(days => i % 365), $2
     FROM generate_series(1, $3) i`,
    [sentence, adminId, Math.ceil(ROWS / PER_ARTICLE)],
  );
  // Short normalized_text: the trigram index is not what this bench measures, and long texts make seeding slow.
  await pool.query(
    `INSERT INTO claims (article_id, text, start, "end", sentence_index, score, origin, status, normalized_text, queue_id, queued_at,
                         speaker, final_label, resolution_source, finalized_at)
     SELECT a.id, $1, s * ($2 + 1), s * ($2 + 1) + $2, s, 0.5, 'extracted', l.label, 'c' || s, $3, now(),
            CASE WHEN s % 2 = 0 THEN 'Ministry of Education' END, l.label, 'consensus', now() - make_interval(secs => s)
     FROM (SELECT id, row_number() OVER () AS n FROM articles) a CROSS JOIN generate_series(0, $4 - 1) s
     CROSS JOIN LATERAL (SELECT ($5::text[])[1 + (a.n + s) % 3] AS label) l
     LIMIT $6`,
    [sentence, sentence.length, queueId, PER_ARTICLE, FINAL_LABELS, ROWS],
  );
  await pool.query(
    `INSERT INTO assignments (claim_id, queue_id, user_id, round, status, lease_expires_at, ended_at)
     SELECT c.id, c.queue_id, u, 1, 'submitted', now(), now() FROM claims c CROSS JOIN unnest($1::uuid[]) u`,
    [reviewers.map((r) => r.id)],
  );
  await pool.query(
    `INSERT INTO verdicts (claim_id, assignment_id, user_id, round, label, rationale, sources, confidence)
     SELECT s.claim_id, s.id, s.user_id, 1, c.final_label, 'Checked against the ministry register.',
            jsonb_build_array(jsonb_build_object('url', 'https://example.org/evidence/' || (abs(hashtext(c.id::text)) % 1000))), 4
     FROM assignments s JOIN claims c ON c.id = s.claim_id`,
  );
  await pool.query('VACUUM ANALYZE');
}

/** Counts the marker across chunk boundaries. */
function counter(marker: string) {
  let count = 0;
  let carry = '';
  return {
    feed(chunk: Buffer) {
      const text = carry + chunk.toString('latin1');
      for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + marker.length)) count++;
      carry = text.slice(Math.max(0, text.length - marker.length + 1));
    },
    get count() {
      return count;
    },
  };
}

function httpRun(url: string, token: string, format: string, marker: string, pid: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    let peakKb = procStatusKb(pid, 'VmRSS');
    const cpuBefore = procCpuMs(pid);
    const sampler = setInterval(() => (peakKb = Math.max(peakKb, procStatusKb(pid, 'VmRSS'))), 20);
    const count = counter(marker);
    const start = performance.now();
    let firstByteMs = 0;
    let bytes = 0;
    get(`${url}/exports/verdicts?format=${format}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${format}: HTTP ${res.statusCode}`));
      res.on('data', (chunk: Buffer) => {
        if (!bytes) firstByteMs = performance.now() - start;
        bytes += chunk.length;
        count.feed(chunk);
      });
      res.on('end', () => {
        clearInterval(sampler);
        const rows = count.count - (format === 'csv' ? 1 : 0);
        resolve({
          name: `HTTP ${format}`,
          rows,
          bytes,
          seconds: (performance.now() - start) / 1000,
          firstByteMs,
          peakRssMb: peakKb / 1024,
          serverCpuMs: procCpuMs(pid) - cpuBefore,
        });
      });
    }).on('error', reject);
  });
}

/** The export statement with its parameters inlined (COPY takes none), run by psql into a counting sink. */
function copyRun(databaseUrl: string, filters: ExportFilters, projection: Projection): Promise<Run> {
  const q = exportQuery(filters, projection);
  const literal = (v: unknown) => escapeLiteral(Array.isArray(v) ? `{${v.join(',')}}` : String(v));
  const sql = q.values.reduceRight<string>((text, value, i) => text.replaceAll(`$${i + 1}`, literal(value)), q.text);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let firstByteMs = 0;
    let bytes = 0;
    const count = counter('\n');
    const psql = spawn(
      'psql',
      [databaseUrl, '-X', '-q', '-c', `COPY (${sql.replace(/\s+/g, ' ')}) TO STDOUT (FORMAT csv, HEADER)`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    psql.stdout.on('data', (chunk: Buffer) => {
      if (!bytes) firstByteMs = performance.now() - start;
      bytes += chunk.length;
      count.feed(chunk);
    });
    psql.on('error', reject);
    psql.on('close', (code) =>
      code === 0
        ? resolve({
            name: `COPY ${projection} projection`,
            rows: count.count - 1,
            bytes,
            seconds: (performance.now() - start) / 1000,
            firstByteMs,
          })
        : reject(new Error(`psql exited with ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const reuse = process.env.BENCH_DATABASE_URL;
  const database = reuse
    ? { url: reuse, ownerUrl: reuse, drop: () => Promise.resolve() }
    : await createTestDatabase((l) => console.log(l), 'factcheck_bench');
  // as the owner: VACUUM ANALYZE skips tables the service's role does not own
  const pool = new Pool({ connectionString: database.ownerUrl, max: 2 });
  const runs: Run[] = [];
  try {
    if (reuse) console.log(`reusing the seeded database ${reuse}`);
    else {
      console.log(`seeding ${ROWS.toLocaleString()} final claims with 2 verdicts each…`);
      const t0 = performance.now();
      await seed(pool);
      console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    const port = String(4100 + (process.pid % 800));
    const server = await startServer({
      DATABASE_URL: database.url,
      MIGRATIONS_RUN: 'false',
      PORT: port,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    });
    try {
      const { pid } = server;
      console.log(`server RSS before any export (baseline): ${(procStatusKb(pid, 'VmRSS') / 1024).toFixed(0)} MB`);
      const login = await fetch(`${server.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'bench-admin@bench.example', password: PASSWORD }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const {
        rows: [{ horizon }],
      } = await pool.query<{ horizon: string }>(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS horizon`);
      const filters: ExportFilters = { statuses: [...FINAL_LABELS], horizon, includeVerdicts: false };
      for (const projection of ['csv', 'json'] as const) runs.push(await copyRun(database.url, filters, projection));
      // BENCH_FORMATS=csv,json runs only those (COPY still runs, as the baseline).
      const only = process.env.BENCH_FORMATS?.split(',');
      for (const f of FORMATS.filter((x) => !only || only.includes(x.format))) {
        const run = await httpRun(server.url, accessToken, f.format, f.marker, pid);
        console.log(`${run.name}: ${run.rows.toLocaleString()} rows in ${run.seconds.toFixed(2)} s`);
        runs.push(run);
      }
      console.log(`server peak RSS over the whole run (VmHWM): ${(procStatusKb(pid, 'VmHWM') / 1024).toFixed(0)} MB`);
    } finally {
      await server.stop();
    }
  } finally {
    await pool.end();
    if (process.env.BENCH_KEEP_DB) console.log(`kept ${database.ownerUrl}`);
    else await database.drop();
  }

  const copyOf = (projection: Projection) => runs.find((r) => r.name === `COPY ${projection} projection`)!;
  const table = runs.map((r) => {
    const f = FORMATS.find((x) => r.name === `HTTP ${x.format}`);
    const baseline = f ? copyOf(f.projection) : r;
    const rate = r.rows / r.seconds;
    return [
      r.name,
      r.rows.toLocaleString(),
      r.seconds.toFixed(2),
      rate.toFixed(0),
      (r.bytes / 1e6 / r.seconds).toFixed(1),
      r.firstByteMs.toFixed(0),
      r.peakRssMb === undefined ? '-' : r.peakRssMb.toFixed(0),
      r.serverCpuMs === undefined ? '-' : ((r.serverCpuMs * 1000) / r.rows).toFixed(1),
      `${((rate / (baseline.rows / baseline.seconds)) * 100).toFixed(0)} %`,
    ];
  });
  console.log(`\n${ROWS.toLocaleString()} final claims, 2 verdicts each; one run per line; 2 shared cores (noisy)\n`);
  console.log(
    formatTable(
      ['path', 'rows', 's', 'rows/s', 'MB/s', 'first byte ms', 'peak RSS MB', 'server CPU µs/row', 'of COPY'],
      table,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
