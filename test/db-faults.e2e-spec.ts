import { Client } from 'pg';
import type { Response } from 'supertest';
import { Role } from '../src/users/role';
import { AppProcess } from './support/app-process';
import { createQueue, DISPUTED, seedQueuedClaims, VERIFIED } from './support/review';
import { bearer, TestApp, TestUser } from './support/test-app';

const REVIEWERS = 30;
const CLAIMS = 3000;
const K = 2;
/** Phases of the run, in ms from the reviewers' start. */
const FAULTS_FROM = 1000;
const FAULTS_UNTIL = 11_000;
const FAULT_EVERY = 300;
const REVIEW_UNTIL = 20_000;
/** Deadline for /health to be green again once the faults end (a liveness bound, not a performance figure). */
const HEALTHY_WITHIN = 5000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What a restart or failover of PostgreSQL does to the service, on two instances as separate processes: every
 * backend of the app is terminated (57P01) every 300 ms for 10 s while 30 reviewers pull and judge, then one
 * instance is killed with SIGKILL and started again. No process may die of it, no request may get a 401 or a 500
 * for it, and the database must hold exactly the work that was acknowledged.
 */
describe('database faults under load on two instances (e2e)', () => {
  let seed: TestApp;
  let instances: AppProcess[] = [];
  let observer: Client;
  let slug: string;
  let claimIds: string[];
  let team: TestUser[];

  beforeAll(async () => {
    seed = await TestApp.start();
    const admin = await seed.adminToken();
    const editor = await seed.createUser(Role.Editor);
    slug = await createQueue(seed, admin, { verdictsRequired: K });
    claimIds = await seedQueuedClaims(seed, slug, CLAIMS, editor.id);
    team = [];
    for (let i = 0; i < REVIEWERS; i += 10)
      team.push(...(await Promise.all(Array.from({ length: 10 }, () => seed.createUser(Role.Reviewer)))));
    // the planner must see the seeded rows, or the servers' prepared statements keep plans for empty tables
    await seed.db.query('ANALYZE claims, assignments, verdicts');
    // Only the two server processes may hold the app's connections while backends are terminated.
    await seed.close();
    instances = await Promise.all([AppProcess.start(), AppProcess.start()]);
    observer = new Client({
      connectionString: process.env.MIGRATIONS_DATABASE_URL,
      application_name: 'fault-test-observer',
    });
    await observer.connect();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.kill('SIGTERM')));
    await observer?.end();
  });

  it('should keep both processes up, answer 503 with Retry-After instead of 401/500, recover and store every acknowledged verdict exactly once', async () => {
    const statuses = new Map<string, number>();
    const unexpected: string[] = [];
    const badUnavailable: string[] = [];
    const acknowledged = new Set<string>();
    const perSecond: number[] = [];
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    const start = Date.now();
    const elapsed = () => Date.now() - start;

    /** One request; undefined when it must be retried (database unavailable, or the instance is down). */
    async function send(
      kind: string,
      call: () => Promise<Response>,
      expected: number[],
    ): Promise<Response | undefined> {
      let res: Response;
      try {
        res = await call();
      } catch {
        count(`${kind} network`); // the instance was killed or is restarting
        await sleep(50);
        return undefined;
      }
      count(`${kind} ${res.status}`);
      if (res.status === 503) {
        if (res.headers['retry-after'] === undefined || res.body.code !== 'DATABASE_UNAVAILABLE')
          badUnavailable.push(JSON.stringify(res.body));
        await sleep(50);
        return undefined;
      }
      if (!expected.includes(res.status)) unexpected.push(`${kind} ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    }

    async function review(reviewer: TestUser, index: number): Promise<void> {
      let turn = 0;
      const app = () => instances[(index + turn++) % 2];
      while (elapsed() < REVIEW_UNTIL) {
        const lease = await send(
          'pull',
          () => app().http.post(`/queues/${slug}/next`).set(bearer(reviewer.token)),
          [200, 204],
        );
        if (lease?.status === 204) await sleep(100);
        if (lease?.status !== 200) continue;
        const verdict = Math.random() < 0.85 ? VERIFIED : DISPUTED;
        // A lease once given is worked to an answer, retried with the same key (its first success is replayed).
        while (elapsed() < REVIEW_UNTIL + 15_000) {
          const res = await send(
            'verdict',
            () =>
              app()
                .http.post(`/assignments/${lease.body.id}/verdict`)
                .set(bearer(reviewer.token))
                .set('idempotency-key', lease.body.id)
                .send(verdict),
            [201],
          );
          if (!res) continue;
          if (res.status === 201) {
            acknowledged.add(res.body.id);
            perSecond[Math.floor(elapsed() / 1000)] = (perSecond[Math.floor(elapsed() / 1000)] ?? 0) + 1;
          }
          break;
        }
      }
    }

    let terminated = 0;
    async function injectFaults(): Promise<void> {
      await sleep(FAULTS_FROM);
      while (elapsed() < FAULTS_UNTIL) {
        const [{ n }] = (
          await observer.query(
            `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND application_name LIKE 'factcheck%' AND pid <> pg_backend_pid()`,
          )
        ).rows;
        terminated += n;
        await sleep(FAULT_EVERY);
      }
    }

    let healthyAfterMs = -1;
    let aliveAfterStorm: boolean[] = [];
    async function killAndRestart(): Promise<void> {
      await sleep(FAULTS_UNTIL + 100 - elapsed());
      aliveAfterStorm = instances.map((i) => i.alive);
      const faultsEnded = Date.now();
      const green = async (i: AppProcess) =>
        (
          await fetch(`${i.url}/health`)
            .then((r) => r.json() as Promise<{ status?: string }>)
            .catch(() => undefined)
        )?.status === 'ok';
      while (Date.now() - faultsEnded < HEALTHY_WITHIN && !(await Promise.all(instances.map(green))).every(Boolean))
        await sleep(100);
      if ((await Promise.all(instances.map(green))).every(Boolean)) healthyAfterMs = Date.now() - faultsEnded;
      const victim = instances[1];
      await victim.kill('SIGKILL');
      instances[1] = await AppProcess.start({ port: victim.port });
    }

    await Promise.all([...team.map((r, i) => review(r, i)), injectFaults(), killAndRestart()]);

    const outputs = instances.map((i) => i.lastOutput).join('\n---\n');
    expect({ aliveAfterStorm, exits: instances.map((i) => i.exitStatus ?? null) }).toEqual({
      aliveAfterStorm: [true, true],
      exits: [null, null],
    });
    expect(healthyAfterMs).toBeGreaterThanOrEqual(0);
    expect(terminated).toBeGreaterThan(0);
    // the faults reached requests, and every one of those got a proper 503
    expect((statuses.get('pull 503') ?? 0) + (statuses.get('verdict 503') ?? 0)).toBeGreaterThan(0);
    expect(badUnavailable).toEqual([]);
    // no 401 for a valid token, no 500, nothing but the expected answers
    expect({ unexpected: unexpected.slice(0, 10), outputs: unexpected.length ? outputs : '' }).toEqual({
      unexpected: [],
      outputs: '',
    });
    expect(acknowledged.size).toBeGreaterThan(REVIEWERS);
    console.log(
      `db-faults: ${terminated} backends terminated; /health green ${healthyAfterMs} ms after the faults; ${acknowledged.size} verdicts acknowledged (per second: ${perSecond.join(' ')}); answers ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );

    // every acknowledged verdict is stored, once (its id), with its one audit entry; unacknowledged ones may exist
    const stored: { id: string }[] = (
      await observer.query(`SELECT id FROM verdicts WHERE claim_id = ANY($1::uuid[])`, [claimIds])
    ).rows;
    const storedIds = new Set(stored.map((v) => v.id));
    expect([...acknowledged].filter((id) => !storedIds.has(id))).toEqual([]);
    const audited = (
      await observer.query(
        `SELECT count(*)::int AS entries FROM audit_log
         WHERE action = 'verdict.submit' AND entity_id = ANY($1::text[])`,
        [claimIds],
      )
    ).rows[0];
    expect(audited.entries).toBe(stored.length);

    // never more than K verdicts on a claim in a round, never two by one reviewer
    const overfull = await observer.query(
      `SELECT claim_id, round FROM verdicts WHERE claim_id = ANY($1::uuid[]) GROUP BY claim_id, round
       HAVING count(*) > $2 OR count(DISTINCT user_id) < count(*)`,
      [claimIds, K],
    );
    expect(overfull.rows).toEqual([]);

    // no double live lease: one per reviewer and claim, and never more live leases plus verdicts than K
    const doubled = await observer.query(
      `SELECT c.id FROM claims c
       WHERE c.id = ANY($1::uuid[]) AND c.status IN ('queued', 'in_review')
         AND (SELECT count(*) FROM assignments a WHERE a.claim_id = c.id AND a.round = c.round AND a.status = 'active' AND a.lease_expires_at > now())
           + (SELECT count(*) FROM verdicts v WHERE v.claim_id = c.id AND v.round = c.round) > $2
       UNION ALL
       SELECT claim_id FROM assignments WHERE claim_id = ANY($1::uuid[]) AND status = 'active' GROUP BY claim_id, user_id HAVING count(*) > 1`,
      [claimIds, K],
    );
    expect(doubled.rows).toEqual([]);

    // a verdict settles exactly its lease
    const unsettled = await observer.query(
      `SELECT v.id FROM verdicts v JOIN assignments a ON a.id = v.assignment_id
       WHERE v.claim_id = ANY($1::uuid[]) AND (a.status <> 'submitted' OR a.user_id <> v.user_id)`,
      [claimIds],
    );
    expect(unsettled.rows).toEqual([]);
  }, 90_000);
});
