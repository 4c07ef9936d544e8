import { InvalidationListener } from '../src/database/invalidation-listener.service';
import type { Notification } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { QUIET_REVIEW_ACTIVITY } from '../src/review/review-activity';
import { Role } from '../src/users/role';
import { EventStreamReader } from './support/event-stream';
import { createQueue, pull, reviewers, seedQueuedClaims, submit } from './support/review';
import { bearer, TestApp, TestUser } from './support/test-app';

/** The live event stream (GET /events) over two app instances on one database, fed by LISTEN/NOTIFY. */
describe('live events (e2e)', () => {
  let one: TestApp;
  let two: TestApp;
  let admin: string;
  let editor: TestUser;
  const open: EventStreamReader[] = [];

  beforeAll(async () => {
    [one, two] = await Promise.all([TestApp.start(), TestApp.start()]);
    admin = await one.adminToken();
    editor = await one.createUser(Role.Editor);
  });
  afterEach(() => open.splice(0).forEach((stream) => stream.close()));
  afterAll(() => Promise.all([one.close(), two.close()]));

  async function connect(t: TestApp, token: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
    const stream = await t.stream('/events', { ...bearer(token), ...headers });
    if (!(stream instanceof EventStreamReader))
      throw new Error(`GET /events answered ${stream.status}: ${stream.text}`);
    open.push(stream);
    return stream;
  }

  const queueIdOf = async (slug: string): Promise<string> =>
    (await one.db.query(`SELECT id FROM queues WHERE slug = $1`, [slug]))[0].id;

  it('should tell an editor on one instance about a verdict given on the other, naming the queue', async () => {
    const slug = await createQueue(one, admin, { verdictsRequired: 1 });
    const queueId = await queueIdOf(slug);
    await seedQueuedClaims(one, slug, 1, editor.id);
    const [reviewer] = await reviewers(one, 1);
    const stream = await connect(one, editor.token);
    expect((await stream.next('ready')).data).toEqual({ reason: 'connected' });

    const lease = (await pull(two, reviewer.token, slug).expect(200)).body;
    // The pull moved the claim from queued to in_review: the queue's backlog changed.
    expect((await stream.next('queues')).data).toEqual({ queueIds: expect.arrayContaining([queueId]) });
    await submit(two, reviewer.token, lease.id).expect(201);
    expect((await stream.next('verdicts')).data).toEqual({
      count: expect.any(Number),
      queueIds: expect.arrayContaining([queueId]),
    });
    // The figures themselves come from the API: the claim was settled by that one verdict.
    const row = (await one.http.get('/stats/queues').set(bearer(editor.token)).expect(200)).body.find(
      (q: { queue: string }) => q.queue === slug,
    );
    expect(row).toMatchObject({ depth: 0, inReview: 0, verdictsLastHour: 1 });
  });

  it("should never carry another reviewer's verdict to a reviewer, nor queues they may not pull", async () => {
    const slug = await createQueue(one, admin, { verdictsRequired: 1 });
    const hidden = await createQueue(one, admin, { pullRole: 'editor', verdictsRequired: 1 });
    const [queueId, hiddenId] = await Promise.all([queueIdOf(slug), queueIdOf(hidden)]);
    await seedQueuedClaims(one, slug, 2, editor.id);
    await seedQueuedClaims(one, hidden, 1, editor.id);
    const [me, other] = await reviewers(one, 2);
    const mine = await connect(one, me.token);
    const editors = await connect(one, editor.token);
    await mine.next('ready');
    await editors.next('ready');

    // Another reviewer judges on the other instance; an editor works the queue reviewers may not pull.
    await submit(two, other.token, (await pull(two, other.token, slug).expect(200)).body.id).expect(201);
    await submit(two, editor.token, (await pull(two, editor.token, hidden).expect(200)).body.id).expect(201);
    while (
      !editors.events.some(
        (e) => e.type === 'verdicts' && (e.data as { queueIds: string[] }).queueIds.includes(hiddenId),
      )
    )
      await editors.next('verdicts');

    // My own verdict comes through as mine alone, after everything above.
    await submit(one, me.token, (await pull(one, me.token, slug).expect(200)).body.id).expect(201);
    expect((await mine.next('verdicts')).data).toEqual({ count: 1, queueIds: [queueId] });
    expect(mine.events.filter((e) => e.type === 'verdicts')).toHaveLength(1);
    const heardQueues = mine.events
      .filter((e) => e.type === 'queues')
      .flatMap((e) => (e.data as { queueIds: string[] }).queueIds);
    expect(heardQueues).toContain(queueId);
    expect(heardQueues).not.toContain(hiddenId);
  });

  it('should start with resync when the browser reconnects with Last-Event-ID', async () => {
    const first = await connect(one, editor.token);
    const ready = await first.next('ready');
    expect(ready.id).toMatch(/^[0-9a-f]{8}-\d+$/);
    first.close();
    const again = await connect(two, editor.token, { 'last-event-id': ready.id! });
    expect((await again.next('resync')).data).toEqual({ reason: 'reconnected' });
  });

  it('should resync its clients when its LISTEN connection was lost and is back', async () => {
    const stream = await connect(one, editor.token);
    await stream.next('ready');
    // This instance's listener is cut (only it: other suites share the database and check their health).
    const listenerPid = one.app.get<unknown, { client: { processID: number } }>(InvalidationListener).client.processID;
    await one.db.query(`SELECT pg_terminate_backend($1)`, [listenerPid]);
    expect((await stream.next('resync')).data).toEqual({ reason: 'missed' });
    // Lost, then back: a second resync once it listens again, and live events flow again.
    await stream.next('resync', 10_000);
    const slug = await createQueue(one, admin);
    const queueId = await queueIdOf(slug);
    await seedQueuedClaims(two, slug, 1, editor.id);
    expect((await stream.next('queues')).data).toEqual({ queueIds: expect.arrayContaining([queueId]) });
  });

  it("should end the stream when the caller's role changes, and refuse anonymous callers", async () => {
    const user = await one.createUser(Role.Reviewer);
    const stream = await connect(one, user.token);
    await stream.next('ready');
    await two.http.patch(`/users/${user.id}`).set(bearer(admin)).send({ role: 'editor' }).expect(200);
    await stream.ended;
    expect(await one.stream('/events', bearer(user.token))).toMatchObject({ status: 401 });
    expect(await one.stream('/events')).toMatchObject({ status: 401 });
  });

  it("should leave the hot statements' announcements to the service: a quiet transaction commits without a NOTIFY", async () => {
    const slug = await createQueue(one, admin, { verdictsRequired: 1 });
    const [claimId] = await seedQueuedClaims(one, slug, 1, editor.id);
    const listener = await (one.db.driver as PostgresDriver).master.connect();
    const heard: string[] = [];
    const onNotification = (n: Notification) => heard.push(n.payload ?? '');
    listener.on('notification', onNotification);
    await listener.query('LISTEN review_activity');
    const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
    try {
      // A NOTIFY makes its commit wait for every other notifying commit: the pull and the verdict silence the trigger.
      await one.db.transaction((m) =>
        m.query(`UPDATE claims SET status = 'in_review' WHERE id = $1 AND ${QUIET_REVIEW_ACTIVITY}`, [claimId]),
      );
      await settle();
      expect(heard).toEqual([]);
      // Any other writer is still announced by the trigger.
      await one.db.query(`UPDATE claims SET status = 'queued' WHERE id = $1`, [claimId]);
      await settle();
      expect(heard.map((payload) => JSON.parse(payload).kind)).toEqual(['queue']);
    } finally {
      listener.off('notification', onNotification);
      await listener.query('UNLISTEN *');
      listener.release();
    }
  });
});
