import { FINAL_LABELS, FinalLabel } from '../src/review/claim-lifecycle';
import { cohenKappa, pooledKappa } from '../src/stats/cohen-kappa';
import { coincidencesOf, nominalAlpha } from '../src/stats/krippendorff-alpha';
import { Role } from '../src/users/role';
import { createQueue, DISPUTED, pull, reviewers, seedQueuedClaims, submit, VERIFIED } from './support/review';

import { bearer, TestApp, TestUser } from './support/test-app';

/** The verdict labels as plain strings (FinalLabel is an enum subset). */
type Label = `${FinalLabel}`;
type Ratings = readonly (readonly (Label | null)[])[];
const BODY: Record<Label, object> = {
  verified: VERIFIED,
  disputed: DISPUTED,
  unverifiable: { label: 'unverifiable', rationale: 'No record either way.', sources: [], confidence: 2 },
};
const V = 'verified' as const;
const D = 'disputed' as const;
const U = 'unverifiable' as const;
const _ = null;

/** Krippendorff (2011), section A: two observers, binary values (0 → verified, 1 → disputed), published α = 0.095. */
const BINARY: Ratings = [
  [V, D],
  [D, D],
  [V, D],
  [V, V],
  [V, V],
  [V, D],
  [V, V],
  [V, V],
  [D, V],
  [V, V],
];

/** Four reviewers, three per claim (missing values), three labels; expected figures come from the pure functions. */
const THREE_OF_FOUR: Ratings = [
  [V, V, V, _],
  [D, D, _, V],
  [_, U, U, U],
  [V, _, D, D],
  [D, D, D, _],
  [_, V, U, V],
  [U, _, U, D],
  [V, V, _, V],
];

/** The confusion table of reviewers j and k over the units both rated. */
function table(ratings: Ratings, j: number, k: number): number[][] {
  const t = FINAL_LABELS.map(() => FINAL_LABELS.map(() => 0));
  for (const unit of ratings)
    if (unit[j] && unit[k])
      t[FINAL_LABELS.indexOf(unit[j] as FinalLabel)][FINAL_LABELS.indexOf(unit[k] as FinalLabel)]++;
  return t;
}

describe('agreement and workload statistics (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let editor: TestUser;
  const startedAt = new Date(Date.now() - 1000).toISOString();

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    editor = await t.createUser(Role.Editor);
  });
  afterAll(() => t.close());

  const agreement = (query: Record<string, string | number>, token = editor.token) =>
    t.http.get('/stats/agreement').query(query).set(bearer(token));

  /** Claim i is the best one still open, so each of its raters pulls exactly it, then the claim settles and leaves. */
  async function rate(slug: string, claims: string[], raters: TestUser[], ratings: Ratings): Promise<void> {
    for (const [i, unit] of ratings.entries()) {
      for (const [j, label] of unit.entries()) {
        if (!label) continue;
        const lease = (await pull(t, raters[j].token, slug).expect(200)).body;
        expect(lease.claim.id).toBe(claims[i]);
        await submit(t, raters[j].token, lease.id, BODY[label]).expect(201);
      }
    }
  }

  describe('two reviewers, binary labels', () => {
    let slug: string;
    let claims: string[];
    let a: TestUser;
    let b: TestUser;

    beforeAll(async () => {
      slug = await createQueue(t, admin, { verdictsRequired: 2 });
      claims = await seedQueuedClaims(t, slug, BINARY.length, editor.id);
      [a, b] = await reviewers(t, 2);
      await rate(slug, claims, [a, b], BINARY);
      // The split unit 1 (a: verified, b: disputed) is settled as disputed; units 3, 6 and 9 stay unresolved.
      await t.http
        .post(`/claims/${claims[0]}/resolution`)
        .set(bearer(editor.token))
        .send({ label: 'disputed', rationale: 'b was right.' })
        .expect(200);
      // a took 10, 20, …, 100 seconds on claims 1…10: median 55.
      await t.db.query(
        `UPDATE assignments a SET leased_at = v.created_at - make_interval(secs => 10 * (array_position($1::uuid[], a.claim_id)))
         FROM verdicts v WHERE v.assignment_id = a.id AND a.user_id = $2`,
        [claims, a.id],
      );
    });

    it('should match the published alpha and the hand-computed kappa', async () => {
      const res = await agreement({ queue: slug, minSharedUnits: 10 }).expect(200);
      expect(res.body).toMatchObject({
        queue: slug,
        from: null,
        to: null,
        minSharedUnits: 10,
        units: 10,
        verdicts: 20,
      });
      expect(res.body.alpha).toBeCloseTo(0.095, 3);
      // a × b over (verified, disputed): [[5, 3], [1, 1]]; p_o = 0.6, p_e = 0.8·0.6 + 0.2·0.4 = 0.56, κ = 0.04/0.44 = 1/11.
      expect(res.body.pairs).toEqual([
        {
          reviewerA: expect.any(String),
          reviewerB: expect.any(String),
          units: 10,
          observed: 0.6,
          kappa: expect.closeTo(1 / 11, 10),
        },
      ]);
      expect(new Set([res.body.pairs[0].reviewerA, res.body.pairs[0].reviewerB])).toEqual(new Set([a.id, b.id]));
      const kappa = { kappa: expect.closeTo(1 / 11, 10), pairs: 1, units: 10 };
      expect(res.body.kappa).toEqual(kappa);
      expect(res.body.queues).toEqual([
        { queue: slug, units: 10, verdicts: 20, alpha: expect.closeTo(0.095, 3), kappa },
      ]);
      // Each reviewer's own pooled kappa is their one pair's.
      expect(res.body.reviewers.map((r: { kappa: unknown }) => r.kappa)).toEqual([kappa, kappa]);
    });

    it("should report each reviewer's agreement with the final label and median time to verdict", async () => {
      const { reviewers: rows } = (await agreement({ queue: slug })).body;
      const byId = new Map(rows.map((r: { reviewerId: string }) => [r.reviewerId, r]));
      // Final: the 6 consensus claims and claim 1 (disputed); a said verified on claim 1.
      expect(byId.get(a.id)).toMatchObject({
        verdicts: 10,
        finalVerdicts: 7,
        agreementWithFinal: expect.closeTo(6 / 7, 10),
        medianSecondsToVerdict: expect.closeTo(55, 3),
      });
      expect(byId.get(b.id)).toMatchObject({ verdicts: 10, finalVerdicts: 7, agreementWithFinal: 1 });
      expect((byId.get(b.id) as { medianSecondsToVerdict: number }).medianSecondsToVerdict).toBeGreaterThanOrEqual(0);
    });

    it('should leave pairs below minSharedUnits out of the kappas', async () => {
      const res = await agreement({ queue: slug, minSharedUnits: 11 }).expect(200);
      expect(res.body.pairs).toEqual([]);
      const none = { kappa: null, pairs: 0, units: 0 };
      expect(res.body.kappa).toEqual(none);
      expect(res.body.queues[0].kappa).toEqual(none);
      expect(res.body.reviewers.map((r: { kappa: unknown }) => r.kappa)).toEqual([none, none]);
      expect(res.body.alpha).toBeCloseTo(0.095, 3);
    });

    it('should restrict to verdicts inside from and to', async () => {
      const all = (
        await agreement({ queue: slug, from: startedAt, to: new Date(Date.now() + 60_000).toISOString() }).expect(200)
      ).body;
      expect(all).toMatchObject({ units: 10, verdicts: 20, from: startedAt });
      const later = (await agreement({ queue: slug, from: new Date(Date.now() + 60_000).toISOString() }).expect(200))
        .body;
      expect(later).toMatchObject({ units: 0, verdicts: 0, alpha: null, pairs: [], queues: [], reviewers: [] });
    });

    it('should show the queue in the unfiltered figures with the same alpha', async () => {
      const res = await agreement({}).expect(200);
      expect(res.body.queues.find((q: { queue: string }) => q.queue === slug)).toEqual({
        queue: slug,
        units: 10,
        verdicts: 20,
        alpha: expect.closeTo(0.095, 3),
        kappa: { kappa: expect.closeTo(1 / 11, 10), pairs: 1, units: 10 },
      });
      expect(res.body.units).toBeGreaterThanOrEqual(10);
    });

    it("should leave an adjudicator's verdict out", async () => {
      const adjudicator = await t.createUser(Role.Editor);
      // Written directly: pulling from the shared adjudication queue would compete with other suites' editors.
      await t.db.query(
        `WITH a AS (
           INSERT INTO assignments (claim_id, queue_id, user_id, round, status, lease_expires_at, ended_at)
           SELECT $1, id, $2, 1, 'submitted', now(), now() FROM queues WHERE slug = 'adjudication' RETURNING id
         )
         INSERT INTO verdicts (claim_id, assignment_id, user_id, round, label, rationale, confidence) SELECT $1, a.id, $2, 1, 'disputed', 'Adjudicated.', 3 FROM a`,
        [claims[2], adjudicator.id],
      );
      const res = await agreement({}).expect(200);
      expect(res.body.reviewers.map((r: { reviewerId: string }) => r.reviewerId)).not.toContain(adjudicator.id);
      expect(
        res.body.pairs.flatMap((p: { reviewerA: string; reviewerB: string }) => [p.reviewerA, p.reviewerB]),
      ).not.toContain(adjudicator.id);
      expect((await agreement({ queue: slug }).expect(200)).body).toMatchObject({ units: 10, verdicts: 20 });
    });
  });

  describe('four reviewers, three per claim', () => {
    it('should match the pure formulas on the same labels, pair by pair', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 3 });
      const claims = await seedQueuedClaims(t, slug, THREE_OF_FOUR.length, editor.id);
      const raters = await reviewers(t, 4);
      await rate(slug, claims, raters, THREE_OF_FOUR);

      const res = (await agreement({ queue: slug, minSharedUnits: 1 }).expect(200)).body;
      const alpha = nominalAlpha(coincidencesOf(THREE_OF_FOUR))!;
      expect(res).toMatchObject({ units: 8, verdicts: 24, alpha: expect.closeTo(alpha, 10) });
      expect(res.pairs).toHaveLength(6);
      for (let j = 0; j < 4; j++) {
        for (let k = j + 1; k < 4; k++) {
          const expected = cohenKappa(table(THREE_OF_FOUR, j, k));
          const pair = res.pairs.find(
            (p: { reviewerA: string; reviewerB: string }) =>
              [p.reviewerA, p.reviewerB].sort().join() === [raters[j].id, raters[k].id].sort().join(),
          );
          expect(pair).toMatchObject({ units: expected.n, observed: expect.closeTo(expected.observed!, 10) });
          expect(pair.kappa === null ? null : pair.kappa).toEqual(
            expected.kappa === null ? null : expect.closeTo(expected.kappa, 10),
          );
        }
      }
      // Per queue and per reviewer: Light's weighted mean over the same pure kappas.
      const pairsOf = (j: number | null) =>
        [0, 1, 2, 3].flatMap((x) =>
          [0, 1, 2, 3]
            .filter((y) => y > x && (j === null || x === j || y === j))
            .map((y) => cohenKappa(table(THREE_OF_FOUR, x, y))),
        );
      const expectedPooled = (j: number | null) => {
        const p = pooledKappa(pairsOf(j));
        return { kappa: p.kappa === null ? null : expect.closeTo(p.kappa, 10), pairs: p.pairs, units: p.n };
      };
      expect(res.queues).toEqual([expect.objectContaining({ queue: slug, kappa: expectedPooled(null) })]);
      expect(res.kappa).toEqual(expectedPooled(null));
      for (const [j, rater] of raters.entries()) {
        expect(res.reviewers.find((r: { reviewerId: string }) => r.reviewerId === rater.id).kappa).toEqual(
          expectedPooled(j),
        );
      }
      // Each pair shares 4 units (8 claims × 3 of the 6 pairs each ÷ 6 pairs): a threshold of 5 drops them all.
      expect((await agreement({ queue: slug, minSharedUnits: 5 }).expect(200)).body.pairs).toEqual([]);
    });
  });

  describe('queue workload', () => {
    it('should report depth, in review, oldest wait and verdict rates', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 2 });
      const claims = await seedQueuedClaims(t, slug, 3, editor.id);
      await t.db.query(`UPDATE claims SET queued_at = now() - interval '2 hours' WHERE id = $1`, [claims[2]]);
      const [a, b, c] = await reviewers(t, 3);
      await rate(slug, claims, [a, b], [[V, V]]);
      // b's verdict moves to 3 hours ago: inside the last 24 hours, outside the last hour.
      await t.db.query(
        `UPDATE verdicts SET created_at = now() - interval '3 hours' WHERE claim_id = $1 AND user_id = $2`,
        [claims[0], b.id],
      );
      await pull(t, c.token, slug).expect(200);

      const rows = (await t.http.get('/stats/queues').set(bearer(editor.token)).expect(200)).body;
      const row = rows.find((q: { queue: string }) => q.queue === slug);
      expect(row).toMatchObject({
        queue: slug,
        active: true,
        depth: 1,
        inReview: 1,
        awaitingAdjudication: 0,
        verdictsLastHour: 1,
        verdictsPerHourLast24h: 2 / 24,
      });
      expect(row.oldestWaitingSeconds).toBeGreaterThanOrEqual(7200);
      expect(row.oldestWaitingSeconds).toBeLessThan(7300);
      const adjudication = rows.find((q: { queue: string }) => q.queue === 'adjudication');
      expect(adjudication.awaitingAdjudication).toBeGreaterThanOrEqual(0);
      expect(adjudication.depth).toBeGreaterThanOrEqual(adjudication.awaitingAdjudication);
    });

    it('should give zeros and nulls for an empty queue', async () => {
      const slug = await createQueue(t, admin);
      const rows = (await t.http.get('/stats/queues').set(bearer(admin)).expect(200)).body;
      expect(rows.find((q: { queue: string }) => q.queue === slug)).toEqual({
        queue: slug,
        active: true,
        depth: 0,
        inReview: 0,
        awaitingAdjudication: 0,
        oldestWaitingSeconds: null,
        verdictsLastHour: 0,
        verdictsPerHourLast24h: 0,
      });
      const res = await agreement({ queue: slug }, admin).expect(200);
      expect(res.text).not.toContain('NaN');
      expect(res.body).toEqual({
        queue: slug,
        from: null,
        to: null,
        minSharedUnits: 5,
        units: 0,
        verdicts: 0,
        alpha: null,
        kappa: { kappa: null, pairs: 0, units: 0 },
        pairs: [],
        queues: [],
        reviewers: [],
      });
    });
  });

  describe('recent activity: verdicts per hour and throughput', () => {
    const HOUR = 3_600_000;
    let slug: string;
    let a: TestUser;
    let b: TestUser;
    /** When each verdict was moved to: [reviewer, claim index, hours before the current hour's start, seconds leased]. */
    const PLACED: [() => TestUser, number, number, number][] = [
      [() => a, 0, 2, 10],
      [() => a, 1, 2, 20],
      [() => a, 2, 30, 30],
      [() => b, 0, 0, 40],
      [() => b, 1, 200, 50],
    ];
    let at: Map<string, number>;

    beforeAll(async () => {
      slug = await createQueue(t, admin, { verdictsRequired: 2 });
      const claims = await seedQueuedClaims(t, slug, 3, editor.id);
      [a, b] = await reviewers(t, 2);
      await rate(
        slug,
        claims,
        [a, b],
        [
          [V, V],
          [V, D],
          [D, _],
        ],
      );
      // b takes the third claim too, and skips it.
      const lease = (await pull(t, b.token, slug).expect(200)).body;
      expect(lease.claim.id).toBe(claims[2]);
      await t.http
        .post(`/assignments/${lease.id}/skip`)
        .set(bearer(b.token))
        .send({ reason: 'Outside my beat' })
        .expect(200);
      at = new Map();
      for (const [who, claim, hoursAgo, leasedSeconds] of PLACED) {
        const [row] = await t.db.query(
          `WITH v AS (
             UPDATE verdicts SET created_at = date_trunc('hour', now(), 'UTC') - make_interval(hours => $3) WHERE claim_id = $1 AND user_id = $2
             RETURNING assignment_id, created_at
           ), a AS (UPDATE assignments a SET leased_at = v.created_at - make_interval(secs => $4) FROM v WHERE a.id = v.assignment_id)
           SELECT created_at FROM v`,
          [claims[claim], who().id, hoursAgo, leasedSeconds],
        );
        at.set(`${who().id}/${claim}`, row.created_at.getTime());
      }
    });

    /** The buckets expected from the placed verdicts, counted by hand against the window the answer reports. */
    function expectedBuckets(from: string, days: number) {
      const start = Date.parse(from);
      const buckets = Array.from({ length: days * 24 }, (_, i) => ({
        start: new Date(start + i * HOUR).toISOString(),
        verdicts: 0,
        verified: 0,
        disputed: 0,
        unverifiable: 0,
      }));
      const labels: Record<string, Label> = {
        [`${a.id}/0`]: V,
        [`${a.id}/1`]: V,
        [`${a.id}/2`]: D,
        [`${b.id}/0`]: V,
        [`${b.id}/1`]: D,
      };
      for (const [key, time] of at) {
        const i = Math.floor((time - start) / HOUR);
        if (i < 0 || i >= buckets.length) continue;
        buckets[i].verdicts++;
        buckets[i][labels[key]]++;
      }
      return buckets;
    }

    it('should count verdicts per UTC hour over 7 days, empty hours included, outside ones left out', async () => {
      const res = (
        await t.http.get('/stats/verdicts-per-hour').query({ queue: slug }).set(bearer(editor.token)).expect(200)
      ).body;
      expect(res.queue).toBe(slug);
      expect(Date.parse(res.to) - Date.parse(res.from)).toBeGreaterThanOrEqual(167 * HOUR);
      expect(Date.parse(res.to) - Date.parse(res.from)).toBeLessThan(168 * HOUR);
      expect(res.buckets).toHaveLength(168);
      expect(res.buckets).toEqual(expectedBuckets(res.from, 7));
      // By hand: 1 disputed 30 hours back, 2 verified 2 hours back, 1 verified this hour; 200 hours back is outside.
      const nonEmpty = res.buckets.filter((x: { verdicts: number }) => x.verdicts > 0);
      expect(nonEmpty.map((x: { verdicts: number }) => x.verdicts).reduce((s: number, n: number) => s + n, 0)).toBe(4);
      expect(
        nonEmpty.map(({ verified, disputed }: { verified: number; disputed: number }) => [verified, disputed]),
      ).toEqual([
        [0, 1],
        [2, 0],
        [1, 0],
      ]);
    });

    it('should narrow to the last day with days=1', async () => {
      const res = (
        await t.http.get('/stats/verdicts-per-hour').query({ queue: slug, days: 1 }).set(bearer(admin)).expect(200)
      ).body;
      expect(res.buckets).toHaveLength(24);
      expect(res.buckets).toEqual(expectedBuckets(res.from, 1));
      expect(res.buckets.reduce((s: number, x: { verdicts: number }) => s + x.verdicts, 0)).toBe(3);
    });

    it("should report each reviewer's verdicts, skips, active hours and median time to verdict", async () => {
      const res = (await t.http.get('/stats/throughput').query({ queue: slug }).set(bearer(editor.token)).expect(200))
        .body;
      expect(res).toMatchObject({ queue: slug, from: expect.any(String), to: expect.any(String) });
      expect(res.reviewers).toEqual([
        {
          reviewerId: a.id,
          displayName: expect.any(String),
          role: 'reviewer',
          verdicts: 3,
          verdictsLast24h: 2,
          skips: 0,
          activeHours: 2,
          verdictsPerActiveHour: 1.5,
          medianSecondsToVerdict: 20,
          lastVerdictAt: new Date(at.get(`${a.id}/0`)!).toISOString(),
        },
        {
          reviewerId: b.id,
          displayName: expect.any(String),
          role: 'reviewer',
          verdicts: 1,
          verdictsLast24h: 1,
          skips: 1,
          activeHours: 1,
          verdictsPerActiveHour: 1,
          medianSecondsToVerdict: 40,
          lastVerdictAt: new Date(at.get(`${b.id}/0`)!).toISOString(),
        },
      ]);
      const day = (
        await t.http.get('/stats/throughput').query({ queue: slug, days: 1 }).set(bearer(editor.token)).expect(200)
      ).body;
      expect(
        day.reviewers.map((r: Record<string, unknown>) => [
          r.reviewerId,
          r.verdicts,
          r.skips,
          r.medianSecondsToVerdict,
        ]),
      ).toEqual([
        [a.id, 2, 0, 15],
        [b.id, 1, 1, 40],
      ]);
    });

    it('should include the queue in the unfiltered figures', async () => {
      const res = (await t.http.get('/stats/throughput').set(bearer(editor.token)).expect(200)).body;
      expect(res.queue).toBeNull();
      expect(res.reviewers.find((r: { reviewerId: string }) => r.reviewerId === a.id)).toMatchObject({
        verdicts: 3,
        skips: 0,
      });
      const all = (await t.http.get('/stats/verdicts-per-hour').set(bearer(editor.token)).expect(200)).body;
      expect(all.buckets.reduce((s: number, x: { verdicts: number }) => s + x.verdicts, 0)).toBeGreaterThanOrEqual(4);
    });

    it('should answer 400 on a bad window and 404 on an unknown queue', async () => {
      for (const path of ['/stats/verdicts-per-hour', '/stats/throughput']) {
        for (const days of [0, 91, 'week'])
          await t.http.get(path).query({ days }).set(bearer(editor.token)).expect(400);
        await t.http.get(path).query({ bogus: 1 }).set(bearer(editor.token)).expect(400);
        expect(
          (await t.http.get(path).query({ queue: 'no-such-queue' }).set(bearer(editor.token)).expect(404)).body.code,
        ).toBe('STATS_QUEUE_NOT_FOUND');
      }
    });
  });

  describe('time filters', () => {
    it('should count verdicts inclusively at the millisecond the API shows', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 2 });
      const [claim] = await seedQueuedClaims(t, slug, 1, editor.id);
      const pair = await reviewers(t, 2);
      for (const r of pair) await submit(t, r.token, (await pull(t, r.token, slug).expect(200)).body.id).expect(201);
      // Two verdicts within one millisecond, stored to the microsecond as PostgreSQL does.
      await t.db.query(
        `UPDATE verdicts SET created_at = CASE WHEN user_id = $2 THEN timestamptz '2024-05-06T07:08:09.123456Z' ELSE timestamptz '2024-05-06T07:08:09.123789Z' END WHERE claim_id = $1`,
        [claim, pair[0].id],
      );
      const shown = (await t.http.get(`/claims/${claim}/verdicts`).set(bearer(editor.token)).expect(200)).body.map(
        (v: { createdAt: string }) => v.createdAt,
      );
      expect(shown).toEqual(['2024-05-06T07:08:09.123Z', '2024-05-06T07:08:09.123Z']);
      const counted = async (range: Record<string, string>) =>
        (await agreement({ queue: slug, ...range }).expect(200)).body.verdicts;
      expect(await counted({ to: shown[0] })).toBe(2);
      expect(await counted({ from: shown[0], to: shown[0] })).toBe(2);
      expect(await counted({ to: '2024-05-06T07:08:09.122Z' })).toBe(0);
      expect(await counted({ from: '2024-05-06T07:08:09.124Z' })).toBe(0);
    });
  });

  describe('access and parameters', () => {
    it('should refuse reviewers with 403 and anonymous callers with 401', async () => {
      const [r] = await reviewers(t, 1);
      for (const path of ['/stats/agreement', '/stats/queues', '/stats/verdicts-per-hour', '/stats/throughput']) {
        await t.http.get(path).set(bearer(r.token)).expect(403);
        await t.http.get(path).expect(401);
      }
    });

    it('should answer 404 on an unknown queue and 400 on bad dates, a reversed range or unknown parameters', async () => {
      expect((await agreement({ queue: 'no-such-queue' }).expect(404)).body.code).toBe('STATS_QUEUE_NOT_FOUND');
      await agreement({ queue: 'Not A Slug' }).expect(400);
      expect((await agreement({ from: 'yesterday' }).expect(400)).body.details).toEqual([
        expect.objectContaining({ field: 'from' }),
      ]);
      await agreement({ to: '2025-02-30' }).expect(400);
      expect((await agreement({ from: '2025-02-01', to: '2025-01-01' }).expect(400)).body.code).toBe(
        'STATS_INVALID_RANGE',
      );
      await agreement({ minSharedUnits: 0 }).expect(400);
      await agreement({ minSharedUnits: 'many' }).expect(400);
      await agreement({ bogus: 1 }).expect(400);
    });
  });
});
