import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import request from 'supertest';
import { freePort } from '../../src/database/embedded-postgres';
import { OutputTail } from './output-tail';

const ROOT = resolve(__dirname, '../..');

/**
 * The service as its own operating-system process (src/main.ts compiled on the fly, see register-ts.js) over the
 * run's database: for tests that must see a crash as a crash, or kill an instance with SIGKILL.
 */
export class AppProcess {
  private readonly output: OutputTail;
  private exited?: { code: number | null; signal: NodeJS.Signals | null };

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.output = new OutputTail(child);
    child.on('exit', (code, signal) => (this.exited = { code, signal }));
  }

  /** Starts the service on a free port (or `port`) and waits until /health answers. */
  static async start(options: { port?: number; env?: Record<string, string> } = {}): Promise<AppProcess> {
    const port = options.port ?? (await freePort());
    const child = spawn(process.execPath, ['-r', resolve(__dirname, 'register-ts.js'), resolve(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...options.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(child, `http://127.0.0.1:${port}`);
    for (let i = 0; i < 600; i++) {
      if (app.exited)
        throw new Error(`service exited during start (${JSON.stringify(app.exited)}):\n${app.lastOutput}`);
      if ((await fetch(`${app.url}/health`).catch(() => undefined))?.ok) return app;
      await new Promise((r) => setTimeout(r, 100));
    }
    await app.kill();
    throw new Error(`service did not become healthy within 60 s:\n${app.lastOutput}`);
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  get http() {
    return request(this.url);
  }

  get alive(): boolean {
    return !this.exited;
  }

  get exitStatus() {
    return this.exited;
  }

  get lastOutput(): string {
    return this.output.toString();
  }

  /** SIGKILL by default: no shutdown hooks, connections dropped mid-statement. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((done) => {
      this.child.once('exit', () => done());
      this.child.kill(signal);
    });
  }
}
