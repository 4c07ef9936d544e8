import { ExportsService } from '../src/exports/exports.service';
import { LeaseSweeper } from '../src/review/assignments/lease-sweeper.service';
import { Role } from '../src/users/role';
import { seedExportedArticle } from './support/exports';
import { createQueue, pull, reviewers, seedQueuedClaims } from './support/review';
import { bearer, TestApp, TestUser } from './support/test-app';

/** The value of one series (`name{labels}`), undefined when the scrape has no such sample. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2]?.split(/,(?=[a-z_]+=")/) ?? [];
    if (wanted.every((l) => have.includes(l)) && have.length === wanted.length) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let editor: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    editor = await t.createUser(Role.Editor);
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await t.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };

  it('should label request latencies with the route template, never the raw URL', async () => {
    const slug = await createQueue(t, admin);
    await seedQueuedClaims(t, slug, 2, editor.id);
    const [r] = await reviewers(t, 1);
    await pull(t, r.token, slug).expect(200);
    await t.http.get('/no/such/path').expect(404);
    const text = await scrape();
    const pulls = { method: 'POST', route: '/queues/:slug/next', status: '200' };
    expect(sample(text, 'factcheck_http_request_duration_seconds_count', pulls)).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'factcheck_http_request_duration_seconds_bucket', { ...pulls, le: '+Inf' })).toBe(
      sample(text, 'factcheck_http_request_duration_seconds_count', pulls),
    );
    expect(
      sample(text, 'factcheck_http_request_duration_seconds_count', {
        method: 'GET',
        route: '(unmatched)',
        status: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
    const latencies = text.split('\n').filter((line) => line.startsWith('factcheck_http_request_duration_seconds'));
    expect(latencies.join('\n')).not.toContain(slug);
    expect(latencies.join('\n')).not.toContain('/no/such/path');
  });

  it('should report the pool, and per queue its depth, claims in review and oldest wait, computed at scrape time', async () => {
    const slug = await createQueue(t, admin);
    await seedQueuedClaims(t, slug, 3, editor.id);
    await t.db.query(
      `UPDATE claims SET queued_at = now() - interval '90 seconds' WHERE queue_id = (SELECT id FROM queues WHERE slug = $1)`,
      [slug],
    );
    const [r] = await reviewers(t, 1);
    await pull(t, r.token, slug).expect(200);
    const text = await scrape();
    expect(sample(text, 'factcheck_queue_depth', { queue: slug })).toBe(2);
    expect(sample(text, 'factcheck_queue_in_review', { queue: slug })).toBe(1);
    expect(sample(text, 'factcheck_queue_oldest_waiting_seconds', { queue: slug })).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'factcheck_db_pool_max_connections')).toBe(10);
    const open = sample(text, 'factcheck_db_pool_open_connections')!;
    expect(open).toBeGreaterThanOrEqual(1);
    expect(open).toBeLessThanOrEqual(10);
    expect(sample(text, 'factcheck_db_pool_idle_connections')).toBeLessThanOrEqual(open);
    expect(sample(text, 'factcheck_db_pool_waiting_requests')).toBe(0);
    expect(sample(text, 'factcheck_process_resident_memory_bytes')).toBeGreaterThan(0);
    // no DATABASE_REPLICA_URL: no lag sample at all (a 0 would claim a replica)
    expect(text).toContain('# TYPE factcheck_replica_lag_seconds gauge');
    expect(text).not.toMatch(/^factcheck_replica_lag_seconds/m);
  });

  it('should count the leases the sweeper expires and the exports holding a snapshot', async () => {
    const before = sample(await scrape(), 'factcheck_leases_expired_total')!;
    const slug = await createQueue(t, admin, { verdictsRequired: 1 });
    await seedQueuedClaims(t, slug, 2, editor.id);
    const [a, b] = await reviewers(t, 2);
    const leases: string[] = [];
    for (const r of [a, b]) {
      leases.push((await pull(t, r.token, slug).expect(200)).body.id);
      await t.db.query(`UPDATE assignments SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [
        leases.at(-1),
      ]);
    }
    await t.app.get(LeaseSweeper).sweep();
    const swept = await t.db.query(
      `SELECT count(*)::int AS n FROM assignments WHERE id = ANY($1::uuid[]) AND status = 'expired'`,
      [leases],
    );
    expect(swept[0].n).toBe(2);
    // at least ours: the sweep also ends lapsed leases of suites running alongside on the same database
    expect(sample(await scrape(), 'factcheck_leases_expired_total')).toBeGreaterThanOrEqual(before + 2);

    expect(sample(await scrape(), 'factcheck_export_streams_open')).toBe(0);
    // Larger than the stream's buffers: unread, it holds its snapshot (a small one would be done before the scrape).
    const article = await seedExportedArticle(t, editor, 'Held open');
    const file = await t.app
      .get(ExportsService)
      .open(null, { format: 'ndjson', articleId: article, safe: true, bom: false });
    expect(sample(await scrape(), 'factcheck_export_streams_open')).toBe(1);
    file.stream.destroy();
    for (let i = 0; i < 50 && sample(await scrape(), 'factcheck_export_streams_open') !== 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(sample(await scrape(), 'factcheck_export_streams_open')).toBe(0);
  });

  describe('access', () => {
    const TOKEN = 'metrics-token-0123456789';
    let guarded: TestApp;
    let closed: TestApp;
    let proxied: TestApp;

    beforeAll(async () => {
      guarded = await TestApp.start({ env: { METRICS_ALLOW: 'none', METRICS_TOKEN: TOKEN } });
      closed = await TestApp.start({ env: { METRICS_ALLOW: 'none' } });
      proxied = await TestApp.start({ env: { TRUST_PROXY: 'loopback', METRICS_ALLOW: '10.0.0.0/8' } });
    });
    afterAll(() => Promise.all([guarded.close(), closed.close(), proxied.close()]));

    it('should serve METRICS_TOKEN holders and refuse everyone else, a signed-in admin too', async () => {
      expect((await guarded.http.get('/metrics').expect(401)).body.code).toBe('METRICS_TOKEN_REQUIRED');
      await guarded.http.get('/metrics').set(bearer('metrics-token-wrong-wrong')).expect(401);
      await guarded.http
        .get('/metrics')
        .set(bearer(await guarded.adminToken()))
        .expect(401);
      const res = await guarded.http.get('/metrics').set(bearer(TOKEN)).expect(200);
      expect(res.text).toContain('factcheck_http_request_duration_seconds');
      expect((await closed.http.get('/metrics').expect(403)).body.code).toBe('METRICS_NOT_ALLOWED');
    });

    it('should judge the address as TRUST_PROXY resolves it: a public client behind the trusted proxy is refused', async () => {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      await proxied.http.get('/metrics').set(from('203.0.113.9')).expect(403);
      await proxied.http.get('/metrics').expect(403); // the proxy's own loopback is not in METRICS_ALLOW
      await proxied.http.get('/metrics').set(from('10.1.2.3')).expect(200);
    });
  });
});
