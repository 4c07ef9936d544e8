import { LeaseSweeper } from '../src/review/assignments/lease-sweeper.service';
import { Role } from '../src/users/role';
import { createQueue, pull, reviewers, seedQueuedClaims, submit } from './support/review';
import { TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('lapsed leases swept to expired (e2e)', () => {
  let one: TestApp;
  let two: TestApp;
  let admin: string;
  let editorId: string;

  beforeAll(async () => {
    // instance one sweeps every second by itself; instance two only when told to
    process.env.LEASE_SWEEP_SECONDS = '1';
    one = await TestApp.start();
    delete process.env.LEASE_SWEEP_SECONDS;
    two = await TestApp.start();
    admin = await one.adminToken();
    editorId = (await one.createUser(Role.Editor)).id;
  });
  afterAll(() => Promise.all([one.close(), two.close()]));

  /** Leases of `n` reviewers on a queue of their own, the first `lapsed` of them made to have lapsed a minute ago. */
  async function leases(n: number, lapsed: number) {
    const slug = await createQueue(one, admin, { verdictsRequired: n });
    await seedQueuedClaims(one, slug, 1, editorId);
    const team = await reviewers(one, n);
    const ids: string[] = [];
    for (const r of team) ids.push((await pull(one, r.token, slug).expect(200)).body.id);
    // as time would have it: on the lease and in the claim's record of its leases
    await one.db.query(
      `WITH lapsed AS (UPDATE assignments SET lease_expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[]) RETURNING claim_id)
       UPDATE claims c SET lease_expiries = ARRAY(
         SELECT CASE WHEN a.id = ANY($1::uuid[]) THEN now() - interval '1 minute' ELSE a.lease_expires_at END
         FROM assignments a WHERE a.claim_id = c.id AND a.status = 'active')
       WHERE c.id IN (SELECT claim_id FROM lapsed)`,
      [ids.slice(0, lapsed)],
    );
    return { slug, team, ids };
  }
  const statusOf = async (ids: string[]) =>
    one.db.query<{ status: string; endedWhenLapsed: boolean }[]>(
      `SELECT status, ended_at = lease_expires_at AS "endedWhenLapsed" FROM assignments WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
      [ids],
    );

  it('should end every lapsed lease when two instances sweep at the same moment, leaving live ones', async () => {
    const { ids } = await leases(8, 6);
    const sweeper = (t: TestApp) => t.app.get(LeaseSweeper);
    await Promise.all([sweeper(one).sweep(), sweeper(two).sweep(), sweeper(two).sweep()]);
    const rows = await statusOf(ids);
    expect(rows.slice(0, 6)).toEqual(Array(6).fill({ status: 'expired', endedWhenLapsed: true }));
    expect(rows.slice(6).map((r) => r.status)).toEqual(['active', 'active']);
  });

  it('should skip a lapsed lease another transaction holds, and sweep it next time', async () => {
    const { ids } = await leases(2, 2);
    const runner = one.db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT 1 FROM assignments WHERE id = $1 FOR UPDATE`, [ids[0]]);
      await two.app.get(LeaseSweeper).sweep();
      expect((await statusOf(ids)).map((r) => r.status)).toEqual(['active', 'expired']);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    await two.app.get(LeaseSweeper).sweep();
    expect((await statusOf(ids)).map((r) => r.status)).toEqual(['expired', 'expired']);
  });

  it('should sweep on its own, and a swept lease answers LEASE_EXPIRED and can be pulled again', async () => {
    const { slug, team, ids } = await leases(1, 1);
    let status = 'active';
    for (let i = 0; i < 100 && status === 'active'; i++) {
      await sleep(50);
      [{ status }] = await statusOf(ids);
    }
    expect(status).toBe('expired');
    expect((await submit(two, team[0].token, ids[0]).expect(409)).body.code).toBe('LEASE_EXPIRED');
    const again = (await pull(two, team[0].token, slug).expect(200)).body;
    expect(again.id).toBe(ids[0]);
    await submit(two, team[0].token, again.id).expect(201);
  });
});
