/**
 * bench/queue: pull → verdict cycles by N concurrent reviewers over HTTP against the running service, and the
 * same workflow statements issued directly through `pg` by N clients (no HTTP, Nest or TypeORM), on the same
 * database in the same run. Prints cycles/s, latency percentiles per cycle and per step (a pull or a verdict: one
 * request), the HTTP/raw ratio and the rate over the last 10 % of each run against the first 10 % (dead rows
 * piling up must not collapse throughput). Both paths run unmeasured for BENCH_WARMUP_SECONDS first.
 *
 *   npm run bench:queue                    # N = 8, 32, 64; 10 s per run; 100,000 queued claims
 *   BENCH_CLAIMS=1000000 npm run bench:queue          # backlog mode: the same runs at 100,000 and at 1,000,000 queued
 *   BENCH_CLAIMS=1000000,5000000 npm run bench:queue  # …and at 5,000,000 (the backlog is topped up before each level)
 *   BENCH_SECONDS=5 BENCH_CLAIMS=20000 BENCH_N=8,32 npm run bench:queue
 *   BENCH_SERVER_POOL_SIZE=16 npm run bench:queue   # the server's DB_POOL_SIZE (default: the service's own)
 *   BENCH_PORT=4123 npm run bench:queue    # the server's port (default 3999); a taken port stops the bench
 *   BENCH_BARE=1 npm run bench:queue       # also over HTTP to a bare node:http server running the raw statements
 *                                           # (on BENCH_PORT + 1): the floor of what HTTP/raw can reach here
 * Each backlog level prints the EXPLAIN (ANALYZE, BUFFERS) of one pull (rolled back) after VACUUM ANALYZE.
 * Each run also prints the CPU time per cycle of this process (the clients), the server and the database's backends
 * (from /proc): unlike the rates, that is the cost itself, and it stays comparable when other work loads the machine.
 */
import { hash } from '@node-rs/argon2';
import { Pool } from 'pg';
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { PULL } from '../src/review/review-state.repository';
import { createTestDatabase } from '../test/setup/test-database';
import { JsonClient } from './lib/http-client';
import { K, LEASE_SECONDS, rawPull, rawVerdict, VERDICT_BODY } from './lib/raw-workflow';
import { portFree, procCpuMs, startServer } from './lib/server-process';
import { formatTable, percentile } from './lib/stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// Unmeasured cycles on both paths first: V8 compiles the server's hot paths over its first few thousand requests
// (its JIT threads take a core meanwhile), and a production server is measured warm.
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
/** Backlog levels, smallest first; a larger backlog is compared with 100,000 queued claims measured in the same run. */
const REQUESTED_BACKLOGS = (process.env.BENCH_CLAIMS ?? '100000').split(',').map(Number);
const BACKLOGS = [
  ...new Set([...REQUESTED_BACKLOGS, ...(Math.max(...REQUESTED_BACKLOGS) > 100_000 ? [100_000] : [])]),
].sort((a, b) => a - b);
const BASE_BACKLOG = BACKLOGS[0];
const PRIME_SECONDS = 1;
const CONCURRENCY = (process.env.BENCH_N ?? '8,32,64').split(',').map(Number);
/** BENCH_BARE=1 adds the same cycle over HTTP to a bare node:http server running the raw statements (bench/lib/bare-server.ts). */
const BARE = process.env.BENCH_BARE === '1';

interface RunResult {
  cycles: number;
  latencies: number[];
  /** Per step of a cycle (the pull, the verdict): a reviewer waits on each separately. */
  stepLatencies: number[];
  completions: number[];
  errors: number;
  errorKinds: Map<string, number>;
  /** CPU ms used over the run by this process (the clients), the server process and the database's backends. */
  cpu?: CpuUse;
}

interface CpuUse {
  bench: number;
  server: number;
  db: number;
}

/**
 * CPU used so far by this process, the server and each backend connected to the bench database. A backend that
 * closes during a run takes its share with it; the pools keep theirs open while they are busy.
 */
async function cpuNow(
  pool: Pool,
  serverPid: number,
): Promise<{ bench: number; server: number; db: Map<number, number> }> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  const { user, system } = process.cpuUsage();
  return {
    bench: (user + system) / 1000,
    server: procCpuMs(serverPid),
    db: new Map(rows.map((r) => [r.pid, procCpuMs(r.pid)])),
  };
}

/** runFor with the CPU each side used meanwhile (a backend opened during the run counts from zero). */
async function measured(
  pool: Pool,
  serverPid: number,
  n: number,
  cycle: (worker: number, step: Step) => Promise<void>,
): Promise<RunResult> {
  const before = await cpuNow(pool, serverPid);
  const result = await runFor(n, cycle);
  const after = await cpuNow(pool, serverPid);
  let db = 0;
  for (const [pid, ms] of after.db) db += ms - (before.db.get(pid) ?? 0);
  result.cpu = { bench: after.bench - before.bench, server: after.server - before.server, db };
  return result;
}

const CLAIMS_PER_ARTICLE = 100;

async function seed(
  pool: Pool,
  reviewers: number,
): Promise<{ queueId: string; adminId: string; users: { id: string; email: string }[] }> {
  const passwordHash = await hash('bench-password-1');
  const [{ id: adminId }] = (
    await pool.query<{ id: string }>(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ('bench-admin@bench.example', 'Bench', 'admin', $1) RETURNING id`,
      [passwordHash],
    )
  ).rows;
  const users = (
    await pool.query<{ id: string; email: string }>(
      `INSERT INTO users (email, display_name, role, password_hash)
     SELECT 'reviewer-' || i || '@bench.example', 'Reviewer ' || i, 'reviewer', $1 FROM generate_series(1, $2) i RETURNING id, email`,
      [passwordHash, reviewers],
    )
  ).rows;
  const [{ id: queueId }] = (
    await pool.query<{ id: string }>(
      `INSERT INTO queues (slug, pull_role, verdicts_required, lease_seconds, routable) VALUES ('bench', 'reviewer', $1, $2, false) RETURNING id`,
      [K, LEASE_SECONDS],
    )
  ).rows;
  return { queueId, adminId, users };
}

/**
 * Tops the queue up to `target` open claims (runs consume some), in articles of 100 claims, then VACUUM ANALYZE: on a
 * machine without autovacuum (or before its next round) a bulk load leaves the planner with the empty table's
 * statistics, and the visibility map unset. Every claim has a text of its own, as real claims do: a million copies
 * of one sentence make the hash index on normalized_text one bucket whose overflow chain every insert walks (the
 * claim update of a pull read 2,500 buffers at 1M that way).
 */
async function fillBacklog(pool: Pool, queueId: string, adminId: string, target: number): Promise<void> {
  const [{ open }] = (
    await pool.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM claims WHERE queue_id = $1 AND status IN ('queued', 'in_review')`,
      [queueId],
    )
  ).rows;
  const [{ numbered }] = (await pool.query<{ numbered: number }>(`SELECT count(*)::int AS numbered FROM articles`))
    .rows;
  const articles = Math.ceil(Math.max(0, target - open) / CLAIMS_PER_ARTICLE);
  // In slices: one statement for millions of rows holds its snapshot (and the WAL) for minutes.
  for (let done = 0; done < articles; done += 2000) {
    const slice = Math.min(2000, articles - done);
    await pool.query(
      `WITH s AS (
         SELECT i, k, 'The ministry said ' || (i * $4::int + k) || ' schools were rebuilt in 2024 across 7 regions.' AS text
         FROM generate_series($1::int, $2::int) i, generate_series(0, $4::int - 1) k
       ), spans AS (
         SELECT i, k, text, sum(length(text) + 1) OVER (PARTITION BY i ORDER BY k) - length(text) - 1 AS start FROM s
       ), a AS (
         INSERT INTO articles (title, body, body_sha256, source, created_by)
         SELECT 'Bench article ' || i, body, encode(sha256(convert_to(body, 'UTF8')), 'hex'), 'Bench', $3
         FROM (SELECT i, string_agg(text, E'\\n' ORDER BY k) AS body FROM s GROUP BY i) b
         RETURNING id, title
       )
       INSERT INTO claims (article_id, text, start, "end", sentence_index, score, origin, status, normalized_text, queue_id, queued_at)
       SELECT a.id, sp.text, sp.start, sp.start + length(sp.text), sp.k, random(), 'extracted', 'queued', lower(sp.text), $5,
              now() - make_interval(secs => sp.k)
       FROM a JOIN spans sp ON a.title = 'Bench article ' || sp.i`,
      [numbered + done + 1, numbered + done + slice, adminId, CLAIMS_PER_ARTICLE, queueId],
    );
  }
  await pool.query('VACUUM ANALYZE');
}

/** The plan of one pull as the service runs it (then rolled back): what it scans and how much of the index it reads. */
async function explainPull(pool: Pool, reviewerId: string, queueId: string): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${PULL.text}`,
      PULL.values({ userId: reviewerId, queueId, verdictsRequired: K, leaseSeconds: LEASE_SECONDS }),
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

type Step = <T>(work: () => Promise<T>) => Promise<T>;

async function runFor(
  n: number,
  cycle: (worker: number, step: Step) => Promise<void>,
  seconds = SECONDS,
): Promise<RunResult> {
  const result: RunResult = {
    cycles: 0,
    latencies: [],
    stepLatencies: [],
    completions: [],
    errors: 0,
    errorKinds: new Map(),
  };
  const step: Step = async (work) => {
    const t0 = performance.now();
    const value = await work();
    result.stepLatencies.push(performance.now() - t0);
    return value;
  };
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: n }, async (_, worker) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await cycle(worker, step);
          const t1 = performance.now();
          result.latencies.push(t1 - t0);
          result.completions.push(t1 - start);
          result.cycles++;
        } catch (error) {
          result.errors++;
          const kind = error instanceof Error ? error.message.slice(0, 80) : String(error);
          result.errorKinds.set(kind, (result.errorKinds.get(kind) ?? 0) + 1);
        }
      }
    }),
  );
  return result;
}

function summarize(name: string, n: number, r: RunResult) {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const steps = [...r.stepLatencies].sort((a, b) => a - b);
  const tenth = (SECONDS * 1000) / 10;
  const first = r.completions.filter((t) => t < tenth).length;
  const last = r.completions.filter((t) => t >= SECONDS * 1000 - tenth).length;
  for (const [kind, count] of r.errorKinds) console.log(`  ${name} N=${n} error ×${count}: ${kind}`);
  return {
    name,
    n,
    rate: r.cycles / SECONDS,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    stepP50: percentile(steps, 50),
    stepP99: percentile(steps, 99),
    drift: last / Math.max(1, first),
    errors: r.errors,
    cpuPerCycle: r.cpu && {
      bench: r.cpu.bench / Math.max(1, r.cycles),
      server: r.cpu.server / Math.max(1, r.cycles),
      db: r.cpu.db / Math.max(1, r.cycles),
    },
  };
}

/** bench/lib/bare-server.js as a process of its own, like the service: its URL, pid and a stop. */
async function startBareServer(databaseUrl: string, queueId: string, port: number) {
  if (!(await portFree(port))) throw new Error(`port ${port} (BENCH_PORT + 1, for BENCH_BARE) is taken`);
  const child = fork(resolve(__dirname, 'lib/bare-server.js'), {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      QUEUE_ID: queueId,
      PORT: String(port),
      DB_POOL_SIZE: process.env.BENCH_SERVER_POOL_SIZE ?? '10',
    },
  });
  await new Promise<void>((listening, failed) => {
    child.once('message', () => listening());
    child.once('exit', (code) => failed(new Error(`bare server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () => new Promise<void>((done) => child.once('exit', () => done()).kill('SIGTERM')),
  };
}

async function main(): Promise<void> {
  const maxN = Math.max(...CONCURRENCY);
  const database = await createTestDatabase((l) => console.log(l), 'factcheck_bench');
  // PostgreSQL allows 100 connections here: the raw clients and the server's pool must fit together.
  // as the owner: ANALYZE and VACUUM skip tables the service's role does not own
  const pool = new Pool({ connectionString: database.ownerUrl, max: maxN + 2 });
  // pool.end() resolves before its sockets have closed; the forced drop at the end then fails them: harmless
  pool.on('error', () => undefined);
  const { queueId, adminId, users } = await seed(pool, maxN);
  console.log(`seeding ${BASE_BACKLOG.toLocaleString()} queued claims and ${maxN} reviewers…`);
  await fillBacklog(pool, queueId, adminId, BASE_BACKLOG);
  const server = await startServer({
    DATABASE_URL: database.url,
    ...(process.env.BENCH_SERVER_POOL_SIZE ? { DB_POOL_SIZE: process.env.BENCH_SERVER_POOL_SIZE } : {}),
    MIGRATIONS_RUN: 'false',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  });
  const rows: (ReturnType<typeof summarize> & { backlog: number })[] = [];
  try {
    const client = new JsonClient(server.url, maxN);
    const tokens: string[] = [];
    for (const u of users)
      tokens.push(
        (
          await client.call<{ accessToken: string }>('POST', '/auth/login', null, {
            email: u.email,
            password: 'bench-password-1',
          })
        ).body.accessToken,
      );

    const httpCycle = async (w: number, step: Step) => {
      const lease = await step(() => client.call<{ id: string }>('POST', '/queues/bench/next', tokens[w]));
      if (lease.status !== 200) throw new Error(`pull ${lease.status}`);
      const v = await step(() => client.call('POST', `/assignments/${lease.body.id}/verdict`, tokens[w], VERDICT_BODY));
      if (v.status !== 201) throw new Error(`verdict ${v.status}`);
    };
    const rawCycle = async (w: number, step: Step) => {
      const lease = await step(() => rawPull(pool, users[w].id, queueId));
      if (!lease) throw new Error('queue empty');
      await step(() => rawVerdict(pool, lease.id, users[w].id));
    };
    const bare = BARE ? await startBareServer(database.url, queueId, Number(new URL(server.url).port) + 1) : undefined;
    const bareClient = bare && new JsonClient(bare.url, maxN);
    const bareCycle = async (w: number, step: Step) => {
      const lease = await step(() => bareClient!.call<{ id: string }>('POST', '/queues/bench/next', users[w].id));
      if (lease.status !== 200) throw new Error(`bare pull ${lease.status}`);
      const v = await step(() =>
        bareClient!.call('POST', `/assignments/${lease.body.id}/verdict`, users[w].id, VERDICT_BODY),
      );
      if (v.status !== 201) throw new Error(`bare verdict ${v.status}`);
    };
    if (WARMUP_SECONDS > 0) {
      console.log(`warming up both paths for ${WARMUP_SECONDS}s each at N=${maxN}…`);
      await runFor(maxN, httpCycle, WARMUP_SECONDS);
      await runFor(maxN, rawCycle, WARMUP_SECONDS);
      if (bare) await runFor(maxN, bareCycle, WARMUP_SECONDS);
      // What autovacuum does within its 1-minute naptime in production, and this database is younger than that:
      // without it the server keeps the plans it cached while the assignments table was still empty.
      await pool.query('ANALYZE');
    }

    for (const backlog of BACKLOGS) {
      console.log(`topping the queue up to ${backlog.toLocaleString()} open claims (then VACUUM ANALYZE)…`);
      const t0 = performance.now();
      await fillBacklog(pool, queueId, adminId, backlog);
      console.log(
        `  ${((performance.now() - t0) / 1000).toFixed(0)} s; the pull's plan at ${backlog.toLocaleString()}:\n${await explainPull(pool, users[0].id, queueId)}`,
      );
      for (const n of CONCURRENCY) {
        // One unmeasured second first: while the other path ran, this one's idle connections closed (pools close
        // them after 10 s), and reopening them (planning the statements again) took the first 10 % of a run.
        await runFor(n, httpCycle, PRIME_SECONDS);
        rows.push({ backlog, ...summarize('HTTP', n, await measured(pool, server.pid, n, httpCycle)) });
        await runFor(n, rawCycle, PRIME_SECONDS);
        rows.push({ backlog, ...summarize('raw pg', n, await measured(pool, server.pid, n, rawCycle)) });
        const h = rows[rows.length - 2];
        console.log(
          `${backlog.toLocaleString()} queued, N=${n}: HTTP ${h.rate.toFixed(0)}/s vs raw ${rows[rows.length - 1].rate.toFixed(0)}/s`,
        );
        if (bare) {
          await runFor(n, bareCycle, PRIME_SECONDS);
          rows.push({ backlog, ...summarize('bare HTTP', n, await measured(pool, bare.pid, n, bareCycle)) });
        }
      }
    }
    client.close();
    bareClient?.close();
    await bare?.stop();
  } finally {
    await server.stop();
    const [{ verdicts }] = (await pool.query<{ verdicts: number }>(`SELECT count(*)::int AS verdicts FROM verdicts`))
      .rows;
    console.log(`\n${verdicts.toLocaleString()} verdicts written in all; ${SECONDS}s per run; K = ${K}\n`);
    await pool.end();
    if (process.env.BENCH_KEEP_DB) console.log(`kept ${database.ownerUrl}`);
    else await database.drop();
  }

  const percent = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
  const table = rows.map((r) => {
    const raw = rows.find((x) => x.name === 'raw pg' && x.n === r.n && x.backlog === r.backlog)!;
    const base = rows.find((x) => x.name === r.name && x.n === r.n && x.backlog === BASE_BACKLOG)!;
    return [
      r.backlog.toLocaleString(),
      r.name,
      r.n,
      r.rate.toFixed(0),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      r.stepP50.toFixed(1),
      r.stepP99.toFixed(1),
      percent(r.rate, raw.rate),
      percent(r.rate, base.rate),
      r.drift.toFixed(2),
      r.errors,
      ...(['bench', 'server', 'db'] as const).map((k) => r.cpuPerCycle?.[k].toFixed(2) ?? ''),
    ];
  });
  console.log(
    formatTable(
      [
        'queued',
        'path',
        'N',
        'cycles/s',
        'cycle p50 ms',
        'cycle p99 ms',
        'step p50 ms',
        'step p99 ms',
        'of raw',
        `of ${BASE_BACKLOG.toLocaleString()}`,
        'last/first 10 %',
        'errors',
        'CPU ms/cycle: bench',
        'server',
        'db',
      ],
      table,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
