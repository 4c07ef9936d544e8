import { Role } from '../src/users/role';
import { postArticle, uniqueBody } from './support/articles';
import { EventStreamReader } from './support/event-stream';
import { createQueue, seedQueuedClaims, VERIFIED } from './support/review';
import { bearer, TestApp, TestUser } from './support/test-app';

type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', Role.Reviewer, Role.Editor, Role.Admin];

interface Ctx {
  t: TestApp;
  users: Record<Role, TestUser>;
}
interface Call {
  path?: string;
  body?: unknown;
  /** Acts with this token instead of the caller's shared one. */
  token?: string;
  /** Sent as the body's content type instead of JSON. */
  contentType?: string;
  /** Further request headers. */
  headers?: Record<string, string>;
}
interface Row {
  /** As in the OpenAPI document, e.g. `PATCH /users/{id}`. */
  route: string;
  expect: Record<Caller, number>;
  /** Builds a valid request for this caller (fresh fixtures where the call changes state). */
  call?: (ctx: Ctx, caller: Caller) => Promise<Call> | Call;
  /** An endless response (Server-Sent Events): its status is read, then the client hangs up. */
  stream?: boolean;
}

const anyone = (status: number) => ({ anonymous: status, reviewer: status, editor: status, admin: status });
const signedIn = (status: number) => ({ anonymous: 401, reviewer: status, editor: status, admin: status });
const adminOnly = (status: number) => ({ anonymous: 401, reviewer: 403, editor: 403, admin: status });

const throwaway = async ({ t }: Ctx) => (await t.createUser(Role.Reviewer)).id;

/** A fresh article (with its extracted claims), posted by the admin, for routes that change or remove it. */
const freshArticle = async ({ t, users }: Ctx): Promise<{ id: string; claims: { id: string }[] }> =>
  (await postArticle(t, users.admin.token).expect(201)).body;
const freshClaim = async (ctx: Ctx) => (await freshArticle(ctx)).claims[0].id;
const editors = { anonymous: 401, reviewer: 403, editor: 200, admin: 200 };

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** A claim waiting alone in a fresh queue pulled by `role`. */
const queuedClaim = async ({ t, users }: Ctx, role: Role.Reviewer | Role.Editor = Role.Reviewer) => {
  const slug = await createQueue(t, users.admin.token, { pullRole: role });
  const [claimId] = await seedQueuedClaims(t, slug, 1, users.editor.id);
  return { slug, claimId };
};

/** A live lease of the caller's own (anonymous callers get a made-up id: they are refused before it matters). */
const ownLease = async (ctx: Ctx, caller: Caller): Promise<string> => {
  if (caller === 'anonymous') return NO_SUCH_ID;
  const { slug } = await queuedClaim(ctx, caller === Role.Editor ? Role.Editor : Role.Reviewer);
  return (await ctx.t.http.post(`/queues/${slug}/next`).set(bearer(ctx.users[caller].token)).expect(200)).body.id;
};

/** Every route of the app with the status each kind of caller must get. A route missing here fails the test. */
const MATRIX: Row[] = [
  { route: 'GET /health', expect: anyone(200) },
  {
    route: 'POST /auth/login',
    expect: anyone(200),
    call: ({ users }, caller) => {
      const user = users[caller === 'anonymous' ? Role.Reviewer : caller];
      return { body: { email: user.email, password: user.password } };
    },
  },
  {
    route: 'POST /auth/session',
    expect: anyone(200),
    call: ({ t, users }, caller) => {
      const user = users[caller === 'anonymous' ? Role.Reviewer : caller];
      return { headers: { origin: t.url }, body: { email: user.email, password: user.password } };
    },
  },
  { route: 'DELETE /auth/session', expect: anyone(204), call: ({ t }) => ({ headers: { origin: t.url } }) },
  { route: 'GET /auth/me', expect: signedIn(200) },
  {
    route: 'POST /auth/password',
    expect: signedIn(200),
    // Changing the password revokes the caller's tokens, so each caller gets a fresh account of its role.
    call: async (ctx, caller) => {
      if (caller === 'anonymous') return { body: { currentPassword: 'x', password: 'new-password-123' } };
      const user = await ctx.t.createUser(caller);
      return { token: user.token, body: { currentPassword: user.password, password: 'new-password-123' } };
    },
  },
  {
    route: 'POST /users',
    expect: adminOnly(201),
    call: () => ({
      body: {
        email: `matrix-${Math.random().toString(36).slice(2)}@test.example`,
        displayName: 'M',
        role: 'reviewer',
        password: 'a-long-password',
      },
    }),
  },
  {
    route: 'GET /users',
    expect: adminOnly(200),
    call: () => ({ path: '/users?search=matrix&role=reviewer&active=true' }),
  },
  { route: 'GET /users/{id}', expect: adminOnly(200), call: ({ users }) => ({ path: `/users/${users.reviewer.id}` }) },
  {
    route: 'PATCH /users/{id}',
    expect: adminOnly(200),
    call: async (ctx) => ({ path: `/users/${await throwaway(ctx)}`, body: { displayName: 'Renamed' } }),
  },
  {
    route: 'POST /users/{id}/password',
    expect: adminOnly(204),
    call: async (ctx) => ({ path: `/users/${await throwaway(ctx)}/password`, body: { password: 'reset-password-1' } }),
  },
  {
    route: 'POST /extract',
    expect: editors,
    call: () => ({ body: { text: 'Officials said 12 people were injured on Monday.' } }),
  },
  {
    route: 'POST /articles',
    expect: { ...editors, editor: 201, admin: 201 },
    call: () => ({ body: { title: 'Matrix', body: uniqueBody() } }),
  },
  {
    route: 'POST /articles/import',
    expect: editors,
    call: () => ({
      contentType: 'application/x-ndjson',
      body: `${JSON.stringify({ title: 'Matrix import', body: uniqueBody() })}\n`,
    }),
  },
  { route: 'GET /articles', expect: signedIn(200) },
  {
    route: 'GET /articles/{id}',
    expect: signedIn(200),
    call: async (ctx) => ({ path: `/articles/${(await freshArticle(ctx)).id}` }),
  },
  {
    route: 'DELETE /articles/{id}',
    expect: adminOnly(204),
    call: async (ctx) => ({ path: `/articles/${(await freshArticle(ctx)).id}` }),
  },
  {
    route: 'GET /articles/{id}/claims',
    expect: signedIn(200),
    call: async (ctx) => ({ path: `/articles/${(await freshArticle(ctx)).id}/claims` }),
  },
  {
    route: 'POST /articles/{id}/claims',
    expect: { ...editors, editor: 201, admin: 201 },
    // [0, 10) is never an extracted sentence's span, so it cannot collide with one.
    call: async (ctx) => ({ path: `/articles/${(await freshArticle(ctx)).id}/claims`, body: { start: 0, end: 10 } }),
  },
  {
    route: 'GET /claims/{id}',
    expect: signedIn(200),
    call: async (ctx) => ({ path: `/claims/${await freshClaim(ctx)}` }),
  },
  {
    route: 'PATCH /claims/{id}',
    expect: editors,
    call: async (ctx) => ({ path: `/claims/${await freshClaim(ctx)}`, body: { speaker: 'Council spokesperson' } }),
  },
  {
    route: 'POST /claims/{id}/reject',
    expect: editors,
    call: async (ctx) => ({ path: `/claims/${await freshClaim(ctx)}/reject`, body: { reason: 'Opinion' } }),
  },
  {
    route: 'GET /claims/{id}/similar',
    expect: signedIn(200),
    call: async (ctx) => ({ path: `/claims/${await freshClaim(ctx)}/similar` }),
  },
  { route: 'GET /queues', expect: signedIn(200) },
  {
    route: 'POST /queues',
    expect: adminOnly(201),
    call: () => ({ body: { slug: `m-${Math.random().toString(36).slice(2, 10)}`, pullRole: 'reviewer' } }),
  },
  {
    route: 'PATCH /queues/{slug}',
    expect: adminOnly(200),
    call: async ({ t, users }) => ({
      path: `/queues/${await createQueue(t, users.admin.token)}`,
      body: { description: 'Matrix' },
    }),
  },
  {
    route: 'PUT /queues/{slug}/guidelines',
    expect: editors,
    call: async ({ t, users }) => ({
      path: `/queues/${await createQueue(t, users.admin.token)}/guidelines`,
      body: { guidelines: '## Matrix' },
    }),
  },
  {
    route: 'POST /queues/{slug}/route',
    expect: editors,
    call: async ({ t, users }) => ({
      path: `/queues/${await createQueue(t, users.admin.token)}/route`,
      body: { filter: { articleId: NO_SUCH_ID } },
    }),
  },
  {
    route: 'GET /queues/{slug}/availability',
    expect: signedIn(200),
    call: async (ctx, caller) => ({
      path: `/queues/${(await queuedClaim(ctx, caller === Role.Editor ? Role.Editor : Role.Reviewer)).slug}/availability`,
    }),
  },
  {
    route: 'POST /queues/{slug}/next',
    expect: { anonymous: 401, reviewer: 200, editor: 403, admin: 200 },
    call: async (ctx) => ({ path: `/queues/${(await queuedClaim(ctx)).slug}/next` }),
  },
  { route: 'GET /me/assignments', expect: signedIn(200) },
  { route: 'GET /me/verdicts', expect: signedIn(200) },
  {
    route: 'POST /assignments/{id}/heartbeat',
    expect: signedIn(200),
    call: async (ctx, caller) => ({ path: `/assignments/${await ownLease(ctx, caller)}/heartbeat` }),
  },
  {
    route: 'POST /assignments/{id}/skip',
    expect: signedIn(200),
    call: async (ctx, caller) => ({ path: `/assignments/${await ownLease(ctx, caller)}/skip` }),
  },
  {
    route: 'POST /assignments/{id}/verdict',
    expect: signedIn(201),
    call: async (ctx, caller) => ({ path: `/assignments/${await ownLease(ctx, caller)}/verdict`, body: VERIFIED }),
  },
  {
    route: 'GET /claims/{id}/verdicts',
    expect: signedIn(200),
    call: async (ctx) => ({ path: `/claims/${(await queuedClaim(ctx)).claimId}/verdicts` }),
  },
  {
    route: 'GET /claims/{id}/curation',
    expect: editors,
    call: async (ctx) => ({ path: `/claims/${(await queuedClaim(ctx)).claimId}/curation` }),
  },
  {
    route: 'POST /claims/{id}/route',
    expect: editors,
    call: async (ctx) => ({ path: `/claims/${(await queuedClaim(ctx)).claimId}/route`, body: { queue: 'default' } }),
  },
  {
    route: 'POST /claims/{id}/assign',
    expect: { anonymous: 401, reviewer: 403, editor: 204, admin: 204 },
    call: async (ctx) => ({
      path: `/claims/${(await queuedClaim(ctx)).claimId}/assign`,
      body: { userId: ctx.users.reviewer.id },
    }),
  },
  {
    route: 'POST /claims/{id}/resolution',
    expect: editors,
    call: async (ctx) => ({
      path: `/claims/${(await queuedClaim(ctx)).claimId}/resolution`,
      body: { label: 'verified', rationale: 'Checked.' },
    }),
  },
  {
    route: 'POST /claims/{id}/reopen',
    expect: editors,
    call: async (ctx) => {
      const { claimId } = await queuedClaim(ctx);
      await ctx.t.http
        .post(`/claims/${claimId}/resolution`)
        .set(bearer(ctx.users.admin.token))
        .send({ label: 'disputed', rationale: 'x' })
        .expect(200);
      return { path: `/claims/${claimId}/reopen`, body: { reason: 'Matrix' } };
    },
  },
  {
    route: 'GET /claims/{id}/adjudication',
    expect: editors,
    call: async (ctx) => ({ path: `/claims/${(await queuedClaim(ctx)).claimId}/adjudication` }),
  },
  {
    route: 'GET /claims/{id}/history',
    expect: editors,
    call: async (ctx) => ({ path: `/claims/${(await queuedClaim(ctx)).claimId}/history` }),
  },
  {
    route: 'GET /audit',
    expect: adminOnly(200),
    call: ({ users }) => ({ path: `/audit?involving=${users.reviewer.id}&order=asc` }),
  },
  { route: 'GET /stats/agreement', expect: editors },
  { route: 'GET /stats/queues', expect: editors },
  { route: 'GET /stats/verdicts-per-hour', expect: editors },
  { route: 'GET /stats/throughput', expect: editors },
  { route: 'GET /events', expect: signedIn(200), stream: true },
  {
    route: 'GET /exports/verdicts',
    expect: editors,
    call: () => ({ path: '/exports/verdicts?format=json&to=2000-01-01T00:00:00Z' }),
  },
  { route: 'GET /exports/count', expect: editors, call: () => ({ path: '/exports/count?to=2000-01-01T00:00:00Z' }) },
  // from loopback (METRICS_ALLOW's default): whoever asks, with or without a user's token
  { route: 'GET /metrics', expect: anyone(200) },
  {
    route: 'GET /exports/claimreview/skipped',
    expect: editors,
    call: () => ({ path: '/exports/claimreview/skipped?to=2000-01-01T00:00:00Z' }),
  },
];

describe('role × route matrix (e2e)', () => {
  const ctx = {} as Ctx;

  beforeAll(async () => {
    ctx.t = await TestApp.start();
    ctx.users = {
      [Role.Reviewer]: await ctx.t.createUser(Role.Reviewer),
      [Role.Editor]: await ctx.t.createUser(Role.Editor),
      [Role.Admin]: await ctx.t.createUser(Role.Admin),
    };
  });
  afterAll(() => ctx.t.close());

  it('should cover every route the application serves', async () => {
    const doc = (await ctx.t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(MATRIX.map((r) => r.route).sort()).toEqual(served.sort());
  });

  describe.each(MATRIX)('$route', (row) => {
    it.each(CALLERS)('should answer %s as the matrix says', async (caller) => {
      const [method, template] = row.route.split(' ');
      const call = (await row.call?.(ctx, caller)) ?? {};
      const path = call.path ?? template;
      if (row.stream) {
        const stream = await ctx.t.stream(path, caller === 'anonymous' ? {} : bearer(ctx.users[caller].token));
        const status = stream instanceof EventStreamReader ? (stream.close(), 200) : stream.status;
        return expect({ caller, status }).toEqual({ caller, status: row.expect[caller] });
      }
      let req = ctx.t.http[method.toLowerCase() as 'get'](path);
      if (caller !== 'anonymous') req = req.set(bearer(call.token ?? ctx.users[caller].token));
      if (call.contentType) req = req.set('content-type', call.contentType);
      if (call.headers) req = req.set(call.headers);
      const res = call.body === undefined ? await req : await req.send(call.body as object);
      expect({ caller, status: res.status }).toEqual({ caller, status: row.expect[caller] });
    });
  });
});
