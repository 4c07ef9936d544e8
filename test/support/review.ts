import { Role } from '../../src/users/role';
import { bearer, TestApp, TestUser, uniqueSuffix } from './test-app';

export const VERIFIED = {
  label: 'verified',
  sources: [{ url: 'https://example.org/source', title: 'Source' }],
  confidence: 4,
};
export const DISPUTED = {
  label: 'disputed',
  rationale: 'The ministry figures say otherwise.',
  sources: [{ url: 'https://example.org/other' }],
  confidence: 3,
};

/** A queue of its own (not auto-routed), so a suite's pulls never meet other suites' claims. */
export async function createQueue(t: TestApp, admin: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const slug = `q-${uniqueSuffix()}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 60);
  await t.http
    .post('/queues')
    .set(bearer(admin))
    .send({ slug, pullRole: 'reviewer', routable: false, ...overrides })
    .expect(201);
  return slug;
}

/** Inserts one article with `count` claims waiting in queue `slug` (scores descending from 0.99). */
export async function seedQueuedClaims(t: TestApp, slug: string, count: number, createdBy: string): Promise<string[]> {
  const sentences = Array.from(
    { length: count },
    (_, i) => `Claim ${i} of ${slug}: ${i + 3} bridges were repaired in 2024.`,
  );
  const body = sentences.join('\n');
  const [article] = await t.db.query(
    `INSERT INTO articles (title, body, body_sha256, source, created_by)
     VALUES ($1, $2, encode(sha256(convert_to($2, 'UTF8')), 'hex'), 'Seed', $3) RETURNING id`,
    [`Seed ${slug}`, body, createdBy],
  );
  let offset = 0;
  const spans = sentences.map((s) => {
    const span = { start: offset, end: offset + s.length, text: s };
    offset += s.length + 1;
    return span;
  });
  const rows: { id: string }[] = await t.db.query(
    `INSERT INTO claims (article_id, text, start, "end", sentence_index, score, origin, status, normalized_text, queue_id, queued_at)
     SELECT $1, s.text, s.start, s.end, s.ord - 1, 0.99 - (s.ord - 1) * 0.0001, 'extracted', 'queued', lower(s.text),
            (SELECT id FROM queues WHERE slug = $5), clock_timestamp()
     FROM unnest($2::text[], $3::int[], $4::int[]) WITH ORDINALITY AS s(text, start, "end", ord)
     ORDER BY s.ord RETURNING id`,
    [article.id, spans.map((s) => s.text), spans.map((s) => s.start), spans.map((s) => s.end), slug],
  );
  return rows.map((r) => r.id);
}

export async function reviewers(t: TestApp, n: number): Promise<TestUser[]> {
  return Promise.all(Array.from({ length: n }, () => t.createUser(Role.Reviewer)));
}

export function pull(t: TestApp, token: string, slug: string) {
  return t.http.post(`/queues/${slug}/next`).set(bearer(token));
}

export function submit(t: TestApp, token: string, assignmentId: string, verdict: object = VERIFIED, key?: string) {
  const req = t.http.post(`/assignments/${assignmentId}/verdict`).set(bearer(token));
  return (key ? req.set('idempotency-key', key) : req).send(verdict);
}

export async function claimRow(t: TestApp, id: string) {
  const [row] = await t.db.query(
    `SELECT c.status, c.round, c.final_label, c.resolution_source, c.adjudicator_id, q.slug AS queue
     FROM claims c LEFT JOIN queues q ON q.id = c.queue_id WHERE c.id = $1`,
    [id],
  );
  return row;
}
