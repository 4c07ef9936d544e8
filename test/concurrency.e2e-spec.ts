import { Role } from '../src/users/role';
import { createQueue, DISPUTED, seedQueuedClaims, VERIFIED } from './support/review';
import { describeEachDatabaseRoute } from './support/database-routes';
import { bearer, TestApp, TestUser } from './support/test-app';

const REVIEWERS = 50;
const CLAIMS = 120;
const K = 2;

/**
 * Many reviewers, two app instances, one database: everyone pulls and submits in parallel loops until the
 * queue is empty, then the database must show exactly the work that was acknowledged, and nothing more.
 */
describeEachDatabaseRoute('concurrent reviewers on two instances (e2e)', (route) => {
  let one: TestApp;
  let two: TestApp;
  let slug: string;
  let claimIds: string[];
  let team: TestUser[];
  const acknowledged: { verdictId: string; reviewer: string; claimId: string }[] = [];
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    const env = await route.open();
    // One after the other: withEnvironment restores process.env when each start is done.
    one = await TestApp.start({ env });
    two = await TestApp.start({ env });
    const admin = await one.adminToken();
    const editor = await one.createUser(Role.Editor);
    slug = await createQueue(one, admin, { verdictsRequired: K });
    claimIds = await seedQueuedClaims(one, slug, CLAIMS, editor.id);
    team = [];
    for (let i = 0; i < REVIEWERS; i += 10)
      team.push(...(await Promise.all(Array.from({ length: 10 }, () => one.createUser(Role.Reviewer)))));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await route.close();
  });

  async function work(reviewer: TestUser, index: number): Promise<void> {
    for (let turn = 0; turn < 1000; turn++) {
      const app = (index + turn) % 2 === 0 ? one : two;
      const lease = await app.http.post(`/queues/${slug}/next`).set(bearer(reviewer.token));
      statuses.set(lease.status, (statuses.get(lease.status) ?? 0) + 1);
      if (lease.status === 204) return;
      if (lease.status !== 200) throw new Error(`pull answered ${lease.status}: ${JSON.stringify(lease.body)}`);
      const verdict = Math.random() < 0.85 ? VERIFIED : DISPUTED;
      const other = app === one ? two : one;
      const res = await other.http
        .post(`/assignments/${lease.body.id}/verdict`)
        .set(bearer(reviewer.token))
        .set('idempotency-key', lease.body.id)
        .send(verdict);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status !== 201) throw new Error(`verdict answered ${res.status}: ${JSON.stringify(res.body)}`);
      acknowledged.push({ verdictId: res.body.id, reviewer: reviewer.id, claimId: res.body.claimId });
    }
  }

  it('should finish every claim with exactly the acknowledged verdicts, K per claim, and one audit entry per transition', async () => {
    await Promise.all(team.map((reviewer, i) => work(reviewer, i)));
    expect([...statuses.keys()].sort()).toEqual([200, 201, 204]);
    const db = one.db;

    // every claim ended final (consensus) or in adjudication
    const states: { status: string; n: number }[] = await db.query(
      `SELECT status, count(*)::int AS n FROM claims WHERE id = ANY($1::uuid[]) GROUP BY status ORDER BY status`,
      [claimIds],
    );
    expect(states.every((s) => ['verified', 'disputed', 'needs_adjudication'].includes(s.status))).toBe(true);
    expect(states.reduce((sum, s) => sum + s.n, 0)).toBe(CLAIMS);

    // exactly the acknowledged verdicts are stored: K per claim, never two by one reviewer on one claim
    const stored: { id: string; user_id: string; claim_id: string }[] = await db.query(
      `SELECT id, user_id, claim_id FROM verdicts WHERE claim_id = ANY($1::uuid[])`,
      [claimIds],
    );
    expect(stored.map((v) => v.id).sort()).toEqual(acknowledged.map((a) => a.verdictId).sort());
    expect(stored).toHaveLength(CLAIMS * K);
    const perClaim = await db.query(
      `SELECT claim_id, round, count(*)::int AS n, count(DISTINCT user_id)::int AS reviewers FROM verdicts
       WHERE claim_id = ANY($1::uuid[]) GROUP BY claim_id, round`,
      [claimIds],
    );
    expect(perClaim.every((r: { n: number; reviewers: number }) => r.n === K && r.reviewers === K)).toBe(true);

    // never two leases of one reviewer on one claim in a round; no lease left open
    const leases = await db.query(
      `SELECT claim_id, user_id, round, count(*)::int AS n, count(*) FILTER (WHERE status = 'active')::int AS open
       FROM assignments WHERE claim_id = ANY($1::uuid[]) GROUP BY claim_id, user_id, round`,
      [claimIds],
    );
    expect(leases.every((l: { n: number; open: number }) => l.n === 1 && l.open === 0)).toBe(true);

    // the audit trail of each claim is one entry per transition, chaining to its current state
    const trails: { id: string; status: string; trail: { before: string; after: string; action: string }[] }[] =
      await db.query(
        `SELECT c.id, c.status,
              json_agg(json_build_object('action', l.action, 'before', l.before->>'status', 'after', l.after->>'status') ORDER BY l.id) AS trail
       FROM claims c JOIN audit_log l ON l.entity = 'claim' AND l.entity_id = c.id::text
         AND l.before->>'status' IS DISTINCT FROM l.after->>'status' AND l.action LIKE 'claim.%'
       WHERE c.id = ANY($1::uuid[]) GROUP BY c.id, c.status`,
        [claimIds],
      );
    expect(trails).toHaveLength(CLAIMS);
    for (const { status, trail } of trails) {
      expect(trail.map((t) => t.action)).toEqual([
        'claim.start_review',
        status === 'needs_adjudication' ? 'claim.escalate' : 'claim.consensus',
      ]);
      expect(trail[0]).toMatchObject({ before: 'queued', after: 'in_review' });
      expect(trail[1]).toMatchObject({ before: 'in_review', after: status });
    }
    const verdictEntries = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'verdict.submit' AND entity_id = ANY($1::text[])`,
      [claimIds],
    );
    expect(verdictEntries[0].n).toBe(CLAIMS * K);
  }, 180_000);
});
