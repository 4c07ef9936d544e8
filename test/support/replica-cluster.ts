import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/**
 * A primary and a streaming replica of its own (`pg_basebackup -R`), each a throwaway cluster on a free port: the
 * machine's server stays as it is (its pg_hba.conf may have no replication entry, and a base backup of it would copy
 * every other test database on it). Both run as the `postgres` OS user when we are root (PostgreSQL refuses root).
 */
export interface ReplicatedPair {
  /** Superuser URLs (trust on 127.0.0.1), database `postgres`. */
  primaryUrl: string;
  replicaUrl: string;
  /** Waits until the replica has replayed everything the primary had written when called. */
  caughtUp(): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops the replica only (a replica that went away); `stop` still cleans up. */
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

/** The folder of Debian's PostgreSQL server binaries (PG_BIN overrides), or null when they are not installed. */
export function postgresBinaries(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'pg_basebackup')));
  return found ?? null;
}

export async function startReplicatedPair(bin: string): Promise<ReplicatedPair> {
  const dir = mkdtempSync(join(tmpdir(), 'factcheck-replica-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const [uid, gid] = await Promise.all([idOf('-u'), idOf('-g')]);
    chownSync(dir, uid, gid);
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);
  const [primaryPort, replicaPort] = await Promise.all([freePort(), freePort()]);
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  // Durability is no concern here; speed is (CI time).
  const common = `-c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
  const started: string[] = [];
  const stopCluster = async (data: string) => {
    if (!started.includes(data)) return;
    started.splice(started.indexOf(data), 1);
    await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
  };
  const stop = async () => {
    await stopCluster(replicaDir);
    await stopCluster(primaryDir);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pg('initdb', [
      '-D',
      primaryDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '--no-instructions',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    await pg('pg_ctl', [
      '-D',
      primaryDir,
      '-w',
      '-t',
      '60',
      '-l',
      join(dir, 'primary.log'),
      '-o',
      `-p ${primaryPort} ${common} -c wal_level=replica -c max_wal_senders=4`,
      'start',
    ]);
    started.push(primaryDir);
    // initdb's pg_hba.conf trusts local replication connections; -R writes primary_conninfo and standby.signal.
    await pg('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    await pg('pg_ctl', [
      '-D',
      replicaDir,
      '-w',
      '-t',
      '60',
      '-l',
      join(dir, 'replica.log'),
      '-o',
      `-p ${replicaPort} ${common} -c hot_standby=on -c hot_standby_feedback=on`,
      'start',
    ]);
    started.push(replicaDir);
  } catch (error) {
    await stop();
    throw error;
  }
  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
  const once = async <T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    primaryUrl,
    replicaUrl,
    async caughtUp() {
      const [{ lsn }] = await once<{ lsn: string }>(primaryUrl, `SELECT pg_current_wal_lsn()::text AS lsn`);
      for (let i = 0; i < 300; i++) {
        const [{ done }] = await once<{ done: boolean }>(
          replicaUrl,
          `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done`,
          [lsn],
        );
        if (done) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the replica did not replay up to ${lsn} within 15 s`);
    },
    async pauseReplay() {
      await once(replicaUrl, `SELECT pg_wal_replay_pause()`);
    },
    async resumeReplay() {
      await once(replicaUrl, `SELECT pg_wal_replay_resume()`);
    },
    stopReplica: () => stopCluster(replicaDir),
    stop,
  };
}

async function idOf(flag: '-u' | '-g'): Promise<number> {
  return Number((await run('id', [flag, 'postgres'])).stdout.trim());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
