import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/**
 * Starts the built service (dist/src/main.js) as its own process, as in production, and waits for /health.
 * `entry` defaults to the build beside this file (dist/bench/lib → dist/src); TypeScript callers pass it.
 */
export async function startServer(
  env: Record<string, string>,
  entry = resolve(__dirname, '../../src/main.js'),
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = env.PORT ?? process.env.BENCH_PORT ?? '3999';
  // Another server on the port would answer /health and be benchmarked in our place (its 401s reported as ours).
  if (!(await portFree(Number(port))))
    throw new Error(`port ${port} is taken by another process: stop it or set BENCH_PORT to a free port`);
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server side of a run.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, entry], {
    env: {
      ...process.env,
      LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn',
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      ...env,
      PORT: port,
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // Migrations on start, or an embedded PostgreSQL's first start, can take a while on a busy machine.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      // Healthy only while our child lives: a server that took the port after the check would answer too.
      if ((await fetch(`${url}/health`)).ok && child.exitCode === null) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`server at ${url} not healthy after 120 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * CPU time a process has used so far (user + system, from /proc/<pid>/stat), in ms; 0 once it has exited. The
 * kernel counts in clock ticks of 10 ms (CLK_TCK 100 on Linux), so only differences over seconds mean anything.
 */
export function procCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A memory figure of a process from /proc (VmRSS: resident now; VmHWM: the peak so far), in kB. */
export const procStatusKb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))![1]);

/** Whether nothing listens on the port on 127.0.0.1. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
