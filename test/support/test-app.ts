import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { Response, Test } from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { Role } from '../../src/users/role';
import { EventStreamReader } from './event-stream';
import { OpenApiContract, OpenApiDocument } from './openapi-contract';

export const ADMIN = { email: 'admin@test.example', password: 'admin-password-1' };

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  token: string;
}

/**
 * The real application on a real port, over the run's migrated database; with `instances` > 1, that many behind one
 * facade that sends each request to the next in turn, like a round-robin load balancer (`app`, `url` and `db` are
 * the first's).
 */
export class TestApp {
  private turn = 0;

  private constructor(
    private readonly instances: { app: NestFastifyApplication; url: string }[],
    private readonly contract: OpenApiContract,
  ) {}

  /** `env`: variables the instances are configured from on top of the run's (see withEnvironment). */
  static async start(options: { instances?: number; env?: Record<string, string> } = {}): Promise<TestApp> {
    const one = async () => {
      const app = await createApp({ logger: process.env.TEST_LOG === '1' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.getHttpServer().address() as { port: number };
      return { app, url: `http://127.0.0.1:${port}` };
    };
    const instances = await withEnvironment(options.env ?? {}, () =>
      Promise.all(Array.from({ length: options.instances ?? 1 }, one)),
    );
    const document = (await (await fetch(`${instances[0].url}/docs-json`)).json()) as OpenApiDocument;
    return new TestApp(instances, new OpenApiContract(document));
  }

  get app(): NestFastifyApplication {
    return this.instances[0].app;
  }

  get url(): string {
    return this.instances[0].url;
  }

  /** The instance the next request goes to. */
  private next(): string {
    return this.instances[this.turn++ % this.instances.length].url;
  }

  /**
   * supertest against the app; every response is also checked against its operation in /docs-json (after the
   * test's own expectations, so a wrong status still reports as such), and a drift fails the request.
   */
  get http(): ReturnType<typeof request> {
    const agent = request(this.next());
    return new Proxy(agent, {
      get: (target, method: string) => {
        const make = Reflect.get(target, method) as (...args: unknown[]) => Test;
        if (typeof make !== 'function') return make;
        return (...args: unknown[]) => this.checked(make.apply(target, args), method);
      },
    });
  }

  /** fetch against the app, checked against /docs-json like `http`; the body is read as text. */
  async fetch(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; text: string }> {
    const res = await fetch(`${this.next()}${path}`, init);
    const text = await res.text();
    this.contract.check({
      method: init?.method ?? 'GET',
      url: path,
      status: res.status,
      contentType: res.headers.get('content-type') ?? undefined,
      text,
    });
    return { status: res.status, headers: res.headers, text };
  }

  /**
   * Opens an endless response (Server-Sent Events): its status and media type are checked against /docs-json, and
   * a non-2xx answer is returned as read text instead of a reader.
   */
  async stream(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<EventStreamReader | { status: number; text: string }> {
    const abort = new AbortController();
    const res = await fetch(`${this.url}${path}`, { headers, signal: abort.signal });
    const contentType = res.headers.get('content-type') ?? undefined;
    if (!res.ok) {
      const text = await res.text();
      this.contract.check({ method: 'GET', url: path, status: res.status, contentType, text });
      return { status: res.status, text };
    }
    this.contract.check({ method: 'GET', url: path, status: res.status, contentType, text: undefined });
    return new EventStreamReader(res.body!, abort);
  }

  private checked(test: Test, method: string): Test {
    const end = test.end.bind(test);
    const asserts = (test as unknown as { _asserts: ((res: Response) => unknown)[] })._asserts;
    test.end = (callback) => {
      asserts.push((res: Response) => {
        const text =
          typeof res.text === 'string' ? res.text : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : undefined;
        this.contract.check({
          method,
          url: test.url,
          status: res.status,
          contentType: res.headers['content-type'],
          text,
        });
      });
      return end(callback);
    };
    return test;
  }

  get db(): DataSource {
    return this.app.get(DataSource);
  }

  async close(): Promise<void> {
    await Promise.all(this.instances.map(({ app }) => app.close()));
  }

  async login(email: string, password: string): Promise<string> {
    const res = await this.http.post('/auth/login').send({ email, password }).expect(200);
    return res.body.accessToken as string;
  }

  adminToken(): Promise<string> {
    return this.login(ADMIN.email, ADMIN.password);
  }

  /** Creates a user through the API (as admin) and signs it in. */
  async createUser(role: Role, overrides: { email?: string; displayName?: string } = {}): Promise<TestUser> {
    const admin = await this.adminToken();
    const email = overrides.email ?? `${role}-${uniqueSuffix()}@test.example`;
    const password = `pw-${uniqueSuffix()}-long`;
    const res = await this.http
      .post('/users')
      .set('authorization', `Bearer ${admin}`)
      .send({ email, displayName: overrides.displayName ?? `${role} ${email}`, role, password })
      .expect(201);
    return { id: res.body.id, email, password, role, token: await this.login(email, password) };
  }
}

/** Runs `start` (e.g. TestApp.start, which reads the configuration) with these environment variables set. */
export async function withEnvironment<T>(env: Record<string, string>, start: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await start();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

let counter = 0;
export function uniqueSuffix(): string {
  return `${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
