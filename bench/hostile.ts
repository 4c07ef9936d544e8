/**
 * Hostile-input benchmark (not a test): the built server as its own process on a fresh database, then
 *  - baseline: /health and a correct login, one at a time;
 *  - a 50 MB garbage import (`x\n` lines), and 50 MB of random bytes without a line break, while /health is polled;
 *  - ten 1 MB many-key bodies at once, to POST /auth/login (anonymous) and to POST /articles (signed in), while
 *    /health is polled.
 * Prints times, statuses and the server's RSS (sampled every 20 ms), with the targets: import RSS < 300 MB with
 * /health answering throughout; every many-key body answered 4xx in < 50 ms (status 0: the connection was closed on
 * the refusal while the body was still being written, which Node's client reports instead of the 413).
 * `npm run bench:hostile` (BENCH_GARBAGE_MB to change the import size).
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { createTestDatabase } from '../test/setup/test-database';
import { procStatusKb, startServer } from './lib/server-process';
import { formatTable, percentile } from './lib/stats';

const GARBAGE_MB = Number(process.env.BENCH_GARBAGE_MB) || 50;
const ADMIN = { email: 'bench-admin@bench.example', password: 'bench-password-1' };

interface Timed {
  status: number;
  ms: number;
  body: string;
}

/** One request, its body written in chunks with backpressure (so 50 MB is never held in this process either). */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  chunks?: () => Generator<Buffer>,
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let answered = false;
    const req = request(url, { method, headers }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body.length < 4096 ? (body += c) : undefined));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start, body }));
    });
    // A server that refuses a body early closes the connection while it is still being written, and Node's client
    // may then report EPIPE/ECONNRESET instead of the answer: counted as status 0 with its time.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return;
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET')
        resolve({ status: 0, ms: performance.now() - start, body: JSON.stringify({ code: error.code }) });
      else reject(error);
    });
    if (!chunks) return void req.end();
    const it = chunks();
    const pump = () => {
      for (let next = it.next(); !next.done; next = it.next())
        if (!req.write(next.value)) return void req.once('drain', pump);
      req.end();
    };
    pump();
  });
}

/** Polls /health every 100 ms until stopped: latencies and any answer that was not 200. */
function pollHealth(base: string) {
  const latencies: number[] = [];
  const failures: string[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      try {
        const r = await send(`${base}/health`, 'GET', {});
        latencies.push(r.ms);
        if (r.status !== 200) failures.push(String(r.status));
      } catch (error) {
        failures.push((error as Error).message);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      const sorted = [...latencies].sort((a, b) => a - b);
      return { polls: latencies.length, p50: percentile(sorted, 50), max: sorted[sorted.length - 1] ?? NaN, failures };
    },
  };
}

/** Peak RSS of the server while `work` runs. */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakKb = procStatusKb(pid, 'VmRSS');
  const sampler = setInterval(() => (peakKb = Math.max(peakKb, procStatusKb(pid, 'VmRSS'))), 20);
  try {
    return { result: await work(), peakMb: peakKb / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

function* garbageLines(megabytes: number): Generator<Buffer> {
  const chunk = Buffer.from('x\n'.repeat(32 * 1024));
  for (let sent = 0; sent < megabytes * 1024 * 1024; sent += chunk.length) yield chunk;
}

function* randomNoNewline(megabytes: number): Generator<Buffer> {
  const chunk = Buffer.from(randomBytes(64 * 1024).map((b) => (b === 0x0a ? 0x20 : b)));
  for (let sent = 0; sent < megabytes * 1024 * 1024; sent += chunk.length) yield chunk;
}

/** Just under 1 MB (BODY_LIMIT) of JSON: one object with 62,000 keys. */
function manyKeys(): Buffer {
  const keys = Array.from({ length: 62_000 }, (_, i) => `"key_${String(i).padStart(7, '0')}":1`);
  return Buffer.from(`{"email":"a@b.example","password":"not-it-at-all",${keys.join(',')}}`);
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');

async function main(): Promise<void> {
  const database = await createTestDatabase((line) => console.log(line), 'factcheck_bench');
  const server = await startServer({
    DATABASE_URL: database.url,
    MIGRATIONS_RUN: 'false',
    PORT: String(4100 + (process.pid % 800)),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  const base = server.url;
  const json = { 'content-type': 'application/json' };
  try {
    const loginBody = Buffer.from(JSON.stringify(ADMIN));
    const login = () =>
      send(`${base}/auth/login`, 'POST', json, function* () {
        yield loginBody;
      });
    const token = (JSON.parse((await login()).body) as { accessToken: string }).accessToken;
    const auth = { authorization: `Bearer ${token}` };

    // Baseline, one request at a time after a warm-up.
    for (let i = 0; i < 20; i++) await send(`${base}/health`, 'GET', {});
    const health: number[] = [];
    for (let i = 0; i < 50; i++) health.push((await send(`${base}/health`, 'GET', {})).ms);
    const logins: number[] = [];
    for (let i = 0; i < 10; i++) logins.push((await login()).ms);
    health.sort((a, b) => a - b);
    logins.sort((a, b) => a - b);
    const baselineRss = procStatusKb(server.pid, 'VmRSS') / 1024;
    console.log(
      `baseline: /health p50 ${fmt(percentile(health, 50))} ms, p99 ${fmt(percentile(health, 99))} ms; correct login p50 ${fmt(percentile(logins, 50))} ms; server RSS ${baselineRss.toFixed(0)} MB`,
    );

    const rows: (string | number)[][] = [];
    for (const [name, body] of [
      [`${GARBAGE_MB} MB of "x\\n" lines`, () => garbageLines(GARBAGE_MB)],
      [`${GARBAGE_MB} MB of random bytes, no newline`, () => randomNoNewline(GARBAGE_MB)],
    ] as const) {
      const poll = pollHealth(base);
      const { result, peakMb } = await withPeakRss(server.pid, () =>
        send(`${base}/articles/import`, 'POST', { ...auth, 'content-type': 'application/x-ndjson' }, body),
      );
      const h = await poll.stop();
      const report =
        result.status === 200
          ? (JSON.parse(result.body) as { totals: { lines: number; invalid: number }; stopped?: { line: number } })
          : undefined;
      const what = report
        ? `${report.totals.lines} lines read, ${report.totals.invalid} invalid${report.stopped ? `, stopped at line ${report.stopped.line}` : ''}`
        : result.body.slice(0, 80);
      rows.push([
        name,
        result.status,
        what,
        fmt(result.ms / 1000),
        peakMb.toFixed(0),
        (peakMb / baselineRss).toFixed(2),
        h.polls,
        fmt(h.p50),
        fmt(h.max),
        h.failures.length,
        peakMb < 300 && !h.failures.length ? 'yes' : 'NO',
      ]);
    }
    console.log(
      formatTable(
        [
          'import',
          'status',
          'report',
          's',
          'peak RSS MB',
          'of baseline',
          '/health polls',
          'p50 ms',
          'max ms',
          'failed',
          'target met',
        ],
        rows,
      ),
    );

    const body = manyKeys();
    const burst: (string | number)[][] = [];
    const sized = { 'content-length': String(body.length) };
    for (const [route, headers] of [
      ['POST /auth/login (anonymous)', { ...json, ...sized }],
      ['POST /auth/login (anonymous, chunked)', json],
      ['POST /articles (signed in)', { ...json, ...auth, ...sized }],
    ] as const) {
      for (const together of [true, false]) {
        const one = () =>
          send(`${base}${route.split(' ')[1]}`, 'POST', headers, function* () {
            yield body;
          });
        const poll = pollHealth(base);
        const { result, peakMb } = await withPeakRss(server.pid, async () => {
          if (together) return Promise.all(Array.from({ length: 10 }, one));
          const each: Timed[] = [];
          for (let i = 0; i < 10; i++) each.push(await one());
          return each;
        });
        const h = await poll.stop();
        const times = result.map((r) => r.ms).sort((a, b) => a - b);
        const statuses = [...new Set(result.map((r) => r.status))].join(',');
        const codes = [...new Set(result.map((r) => (JSON.parse(r.body) as { code?: string }).code ?? ''))].join(',');
        const met =
          result.every((r) => (r.status === 0 || (r.status >= 400 && r.status < 500)) && r.ms < 50) &&
          !h.failures.length;
        burst.push([
          route,
          together ? 'at once' : 'one at a time',
          statuses,
          codes,
          fmt(times[0]),
          fmt(percentile(times, 50)),
          fmt(times[times.length - 1]),
          (percentile(times, 50) / percentile(health, 50)).toFixed(1),
          peakMb.toFixed(0),
          h.polls,
          h.failures.length,
          met ? 'yes' : 'NO',
        ]);
      }
    }
    console.log(
      `ten many-key bodies (${body.length.toLocaleString()} bytes, 62,000 keys each; chunked: no content-length, refused once 4 KB are read):`,
    );
    console.log(
      formatTable(
        [
          'route',
          'sent',
          'status',
          'code',
          'min ms',
          'p50 ms',
          'max ms',
          'p50 / health p50',
          'peak RSS MB',
          '/health polls',
          'failed',
          'target met',
        ],
        burst,
      ),
    );
    const after = await send(`${base}/health`, 'GET', {});
    console.log(
      `/health afterwards: ${after.status} in ${fmt(after.ms)} ms; server RSS ${(procStatusKb(server.pid, 'VmRSS') / 1024).toFixed(0)} MB, peak over the run (VmHWM) ${(procStatusKb(server.pid, 'VmHWM') / 1024).toFixed(0)} MB`,
    );
  } finally {
    await server.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
