import { Client } from 'pg';
import { ReadReplica } from '../src/database/read-replica.service';
import { decodeCursor } from '../src/exports/export-cursor';
import { Role } from '../src/users/role';
import { postgresBinaries, ReplicatedPair, startReplicatedPair } from './support/replica-cluster';
import { createQueue, DISPUTED, pull, reviewers, seedQueuedClaims, submit, VERIFIED } from './support/review';
import { bearer, TestApp, TestUser, withEnvironment } from './support/test-app';
import { createTestDatabase } from './setup/test-database';

const CURSOR_HEADER = 'x-export-cursor';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A promise the test opens when it is ready; opening twice is harmless. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
const BIN = postgresBinaries();
const CLAIMS = 120;

/**
 * Exports and statistics on a real streaming replica while verdicts land on the primary. Two instances share both
 * servers: `steady` tolerates any lag (reads the replica unless it is down), `strict` only 300 ms (reads the primary
 * as soon as the replica falls behind). A cursor travels between them, so polls switch servers both ways.
 */
(BIN ? describe : describe.skip)('read replica (e2e)', () => {
  let pair: ReplicatedPair;
  let steady: TestApp;
  let strict: TestApp;
  let primary: Client;
  let admin: string;
  let editor: TestUser;

  beforeAll(async () => {
    pair = await startReplicatedPair(BIN!);
    const db = await withEnvironment({ TEST_DATABASE_URL: pair.primaryUrl }, () =>
      createTestDatabase(undefined, 'factcheck_replica_test'),
    );
    await pair.caughtUp();
    const replicaAppUrl = new URL(db.url);
    replicaAppUrl.port = new URL(pair.replicaUrl).port;
    const env = {
      DATABASE_URL: db.url,
      MIGRATIONS_DATABASE_URL: db.ownerUrl,
      DATABASE_REPLICA_URL: replicaAppUrl.toString(),
    };
    steady = await withEnvironment({ ...env, REPLICA_MAX_LAG_MS: '600000' }, () => TestApp.start());
    strict = await withEnvironment({ ...env, REPLICA_MAX_LAG_MS: '300' }, () => TestApp.start());
    primary = new Client({ connectionString: db.ownerUrl });
    await primary.connect();
    admin = await steady.adminToken();
    editor = await steady.createUser(Role.Editor);
    await pair.caughtUp();
  }, 120_000);

  afterAll(async () => {
    await primary?.end();
    await steady?.close();
    await strict?.close();
    await pair?.stop();
  }, 60_000);

  afterEach(() => jest.restoreAllMocks());

  const replicaOf = (t: TestApp) => t.app.get(ReadReplica);
  async function until(what: string, done: () => boolean): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if (done()) return;
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${what}`);
  }
  const stateBecomes = (t: TestApp, state: string) =>
    until(`replica state ${state} (is ${replicaOf(t).status.state})`, () => replicaOf(t).status.state === state);

  /** Exports served from the replica (true) or the primary (false), as the instance's ReadReplica handed them out. */
  function recordSources(t: TestApp): boolean[] {
    const reads = replicaOf(t);
    const sources: boolean[] = [];
    const connect = reads.connect.bind(reads);
    const connectPrimary = reads.connectPrimary.bind(reads);
    jest.spyOn(reads, 'connect').mockImplementation(async () => {
      const got = await connect();
      sources.push(got.onReplica);
      return got;
    });
    // The snapshot found the replica behind the cursor: that export is the primary's.
    jest.spyOn(reads, 'connectPrimary').mockImplementation(async () => {
      sources[sources.length - 1] = false;
      return connectPrimary();
    });
    return sources;
  }

  const ndjson = async (t: TestApp, params: Record<string, string>) => {
    const res = await t.fetch(`/exports/verdicts?${new URLSearchParams({ ...params, format: 'ndjson' })}`, {
      headers: bearer(editor.token),
    });
    expect({ status: res.status, text: res.status === 200 ? '' : res.text }).toEqual({ status: 200, text: '' });
    return {
      cursor: res.headers.get(CURSOR_HEADER)!,
      ids: res.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).claimId as string),
    };
  };

  /** Each reviewer pulls and judges until the queue is empty, awaiting `beforePull` before each pull. */
  async function judgeAll(t: TestApp, slug: string, team: TestUser[], beforePull?: () => Promise<void>): Promise<void> {
    await Promise.all(
      team.map(async (r) => {
        for (;;) {
          await beforePull?.();
          const res = await pull(t, r.token, slug);
          if (res.status === 204) return;
          await submit(t, r.token, res.body.id, Math.random() < 0.7 ? VERIFIED : DISPUTED).expect(201);
        }
      }),
    );
  }

  it('should read exports from the replica and hold back, not lose, claims behind a transaction the standby still sees running', async () => {
    await stateBecomes(steady, 'ok');
    const slug = await createQueue(steady, admin, { verdictsRequired: 1 });
    const [held, other] = await seedQueuedClaims(steady, slug, 2, editor.id);
    const sources = recordSources(steady);
    let poll1: { cursor: string; ids: string[] };
    await primary.query('BEGIN');
    try {
      // An xid older than a later commit: a standby's snapshot lists no running xids, so its xmax would pass this
      // one by and the claim would never be exported.
      await primary.query(
        `UPDATE claims SET status = 'verified', final_label = 'verified', resolution_source = 'adjudication', finalized_at = now() WHERE id = $1`,
        [held],
      );
      const [r] = await reviewers(steady, 1);
      await judgeAll(steady, slug, [r]); // judges `other` only: `held` is locked, so the pull skips it
      await pair.caughtUp();
      poll1 = await ndjson(steady, { queue: slug });
      expect(poll1.ids).toEqual([]);
      await primary.query('COMMIT');
    } finally {
      await primary.query('ROLLBACK').catch(() => undefined);
    }
    const [{ xid }] = (await primary.query(`SELECT pg_current_xact_id()::text AS xid`)).rows;
    await pair.caughtUp();
    let poll2 = await ndjson(steady, { queue: slug, since: poll1.cursor });
    for (let i = 0; i < 100 && BigInt(decodeCursor(poll2.cursor)) <= BigInt(xid); i++) {
      await sleep(50);
      poll2 = await ndjson(steady, { queue: slug, since: poll1.cursor });
    }
    expect(poll2.ids.sort()).toEqual([held, other].sort());
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every(Boolean)).toBe(true);
  });

  it('should show what the replica has replayed, and read the primary once it lags beyond REPLICA_MAX_LAG_MS', async () => {
    const slug = await createQueue(steady, admin, { verdictsRequired: 1 });
    await seedQueuedClaims(steady, slug, 3, editor.id);
    await pair.caughtUp();
    await stateBecomes(strict, 'ok');
    const before = await ndjson(steady, { queue: slug });
    const depthBefore = await workloadDepth(steady, slug);
    await pair.pauseReplay();
    try {
      const team = await reviewers(steady, 2);
      await judgeAll(steady, slug, team);
      await stateBecomes(strict, 'lagging');
      // The paused replica still shows the queue as it was; the strict instance reads the primary.
      expect(await workloadDepth(steady, slug)).toBe(depthBefore);
      expect(await workloadDepth(strict, slug)).toBe(0);
      expect((await ndjson(steady, { queue: slug, since: before.cursor })).ids).toEqual([]);
      const fresh = await ndjson(strict, { queue: slug, since: before.cursor });
      expect(fresh.ids).toHaveLength(3);
      // A cursor from the primary that the replica has not reached: the steady instance reads the primary for it.
      const sources = recordSources(steady);
      expect((await ndjson(steady, { queue: slug, since: fresh.cursor })).ids).toEqual([]);
      expect(sources).toEqual([false]);
    } finally {
      await pair.resumeReplay();
    }
    await pair.caughtUp();
    await stateBecomes(strict, 'ok');
  });

  it('should cover every final claim exactly once across polls that switch between replica and primary while verdicts land', async () => {
    const slug = await createQueue(steady, admin, { verdictsRequired: 1 });
    await seedQueuedClaims(steady, slug, CLAIMS, editor.id);
    const team = await reviewers(steady, 4);
    const steadySources = recordSources(steady);
    const strictSources = recordSources(strict);
    // The switch is driven, not left to timing: reviewers wait at a quarter of the claims until replay is paused
    // (so verdicts land on the primary while the replica falls behind) and at half until the strict instance has
    // read the primary and come back to the replica; a fast or a loaded machine both see every switch.
    const paused = gate();
    const backOnReplica = gate();
    let pulls = 0;
    let reviewing = true;
    const work = judgeAll(steady, slug, team, async () => {
      const n = ++pulls;
      if (n > CLAIMS / 4) await paused.opened;
      if (n > CLAIMS / 2) await backOnReplica.opened;
    }).finally(() => (reviewing = false));
    const seen: string[] = [];
    let cursor: string | undefined;
    let polls = 0;
    const pollOnce = async (t: TestApp) => {
      const poll = await ndjson(t, { queue: slug, status: 'verified,disputed', ...(cursor && { since: cursor }) });
      seen.push(...poll.ids);
      cursor = poll.cursor;
      polls++;
    };
    const polling = (async () => {
      do {
        await pollOnce(polls % 2 ? strict : steady);
        await sleep(50);
      } while (reviewing);
    })();
    try {
      await until('a quarter of the claims pulled', () => pulls > CLAIMS / 4);
      await pair.pauseReplay();
      paused.open();
      await stateBecomes(strict, 'lagging');
      const lagged = strictSources.length;
      await until('a strict poll read from the primary', () => strictSources.slice(lagged).includes(false));
      await pair.resumeReplay();
      await stateBecomes(strict, 'ok');
      const caughtUp = strictSources.length;
      await until('a strict poll read from the replica again', () => strictSources.slice(caughtUp).includes(true));
    } finally {
      paused.open();
      backOnReplica.open();
      await pair.resumeReplay();
    }
    await work;
    await polling;
    // Drain: poll until the horizon passes every transaction committed so far.
    const [{ xid }] = (await primary.query(`SELECT pg_current_xact_id()::text AS xid`)).rows;
    await pair.caughtUp();
    for (let i = 0; i < 100 && !(cursor && BigInt(decodeCursor(cursor)) > BigInt(xid)); i++) {
      await pollOnce(i % 2 ? strict : steady);
      await sleep(50);
    }
    const finals = (
      await primary.query(
        `SELECT c.id FROM claims c JOIN queues q ON q.id = c.queue_id WHERE q.slug = $1 AND c.status IN ('verified', 'disputed')`,
        [slug],
      )
    ).rows as { id: string }[];
    expect(finals).toHaveLength(CLAIMS);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(finals.map((f) => f.id).sort());
    expect(steadySources).toContain(true);
  }, 90_000);

  it('should serve exports and statistics from the primary when the replica is down', async () => {
    const slug = await createQueue(steady, admin, { verdictsRequired: 1 });
    await seedQueuedClaims(steady, slug, 2, editor.id);
    await pair.stopReplica();
    await stateBecomes(steady, 'down');
    const [r] = await reviewers(steady, 1);
    await judgeAll(steady, slug, [r]);
    let poll = await ndjson(steady, { queue: slug });
    for (let i = 0; i < 50 && poll.ids.length < 2; i++) poll = await ndjson(steady, { queue: slug });
    expect(poll.ids).toHaveLength(2);
    expect(await workloadDepth(steady, slug)).toBe(0);
  });

  async function workloadDepth(t: TestApp, slug: string): Promise<number> {
    const res = await t.http.get('/stats/queues').set(bearer(editor.token)).expect(200);
    return (res.body as { queue: string; depth: number }[]).find((q) => q.queue === slug)!.depth;
  }
});

if (!BIN)
  console.warn(
    'read replica (e2e) skipped: no PostgreSQL server binaries with pg_basebackup (/usr/lib/postgresql/*/bin or PG_BIN)',
  );
