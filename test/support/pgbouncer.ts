import { ChildProcess, spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../src/database/embedded-postgres';
import { OutputTail } from './output-tail';

/** Server connections pgbouncer keeps per (database, role): fewer than two instances' pools, so they are shared. */
const SERVER_CONNECTIONS = 8;

/** pgbouncer's executable: PGBOUNCER_PATH, Debian's /usr/sbin/pgbouncer or the first on PATH; undefined when none is. */
export function findPgbouncer(): string | undefined {
  const candidates = [
    process.env.PGBOUNCER_PATH,
    '/usr/sbin/pgbouncer',
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'pgbouncer')),
  ];
  return candidates.find((file) => {
    if (!file) return false;
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * pgbouncer in transaction mode in front of the database of `databaseUrl`, on a free port, with the same role and
 * password (SCRAM from the client; pgbouncer signs in to PostgreSQL with the password from its auth file). Its
 * config, auth file and nothing else live in a temporary folder removed by `stop`.
 */
export class Pgbouncer {
  private readonly log: OutputTail;
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    /** `databaseUrl` through the pooler. */
    readonly url: string,
  ) {
    this.log = new OutputTail(child);
    child.on('exit', () => (this.exited = true));
  }

  static async start(databaseUrl: string, executable = findPgbouncer()): Promise<Pgbouncer> {
    if (!executable) throw new Error('pgbouncer not found (apt-get install pgbouncer, or set PGBOUNCER_PATH)');
    const target = new URL(databaseUrl);
    const database = target.pathname.slice(1);
    const role = decodeURIComponent(target.username);
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'factcheck-pgbouncer-'));
    const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
    writeFileSync(join(dir, 'users.txt'), `${quote(role)} ${quote(decodeURIComponent(target.password))}\n`);
    writeFileSync(
      join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `${database} = host=${target.hostname} port=${target.port || 5432} dbname=${database}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = scram-sha-256',
        `auth_file = ${join(dir, 'users.txt')}`,
        'pool_mode = transaction',
        `default_pool_size = ${SERVER_CONNECTIONS}`,
        'max_client_conn = 500',
        // Nothing is ignored: a startup parameter the service should not send must fail the connection, as in production.
        'ignore_startup_parameters =',
        'log_connections = 0',
        'log_disconnections = 0',
        '',
      ].join('\n'),
    );
    // pgbouncer refuses to run as root; started as root it switches to `-u`, who must read the folder.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) for (const file of ['', 'users.txt', 'pgbouncer.ini']) chmodSync(join(dir, file), file ? 0o644 : 0o755);
    const child = spawn(executable, [...(asRoot ? ['-u', 'nobody'] : []), join(dir, 'pgbouncer.ini')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    const bouncer = new Pgbouncer(child, dir, url.toString());
    for (let i = 0; i < 100; i++) {
      if (bouncer.exited) break;
      if (await bouncer.answers()) return bouncer;
      await new Promise((r) => setTimeout(r, 100));
    }
    await bouncer.stop();
    throw new Error(`pgbouncer did not start on port ${port}:\n${bouncer.log.toString()}`);
  }

  private async answers(): Promise<boolean> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** SIGTERM: immediate shutdown (every client connection closed). */
  async stop(): Promise<void> {
    if (!this.exited) {
      await new Promise<void>((done) => {
        this.child.once('exit', () => done());
        this.child.kill('SIGTERM');
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
