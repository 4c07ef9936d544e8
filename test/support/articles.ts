import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bearer, TestApp, uniqueSuffix } from './test-app';

export { FIXTURES_DIR } from './gold-fixture';
export const SEED_BODY = readFileSync(resolve(__dirname, '../fixtures/article-ukraine-live.txt'), 'utf8');

export interface ClaimBody {
  id: string;
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  status: string;
  origin: string;
}

/** A fresh article body (unique per call, so no two tests collide on the body hash). */
export function uniqueBody(extra = ''): string {
  const tag = uniqueSuffix();
  return `The council said 14 bridges in district ${tag} were repaired in March 2024. ${extra}`.trim();
}

export function postArticle(t: TestApp, token: string, overrides: Record<string, unknown> = {}) {
  return t.http
    .post('/articles')
    .set(bearer(token))
    .send({ title: `Article ${uniqueSuffix()}`, body: uniqueBody(), ...overrides });
}

export interface ImportLineResult {
  line: number;
  status: string;
  id?: string;
  existingId?: string;
  error?: string;
}

/** POST /articles/import with the streamed report (Accept: application/x-ndjson): each line's result, then the last line. */
export async function importStreamed(t: TestApp, token: string, payload: string) {
  const res = await t.http
    .post('/articles/import')
    .set(bearer(token))
    .set('content-type', 'application/x-ndjson')
    .set('accept', 'application/x-ndjson')
    .send(payload)
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk)).on('end', () => done(null, text));
    })
    .expect(200);
  if (!String(res.headers['content-type']).startsWith('application/x-ndjson'))
    throw new Error(`not NDJSON: ${res.headers['content-type']}`);
  const lines = (res.body as string)
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  const last = lines.pop() as { totals: Record<string, number>; stopped?: unknown; error?: unknown };
  return { results: lines as ImportLineResult[], last };
}

/** Counts rows written by one user, so suites running in parallel on the same database do not disturb each other. */
export async function countWrittenBy(t: TestApp, userId: string): Promise<{ articles: number; claims: number }> {
  const [row] = await t.db.query(
    `SELECT (SELECT count(*)::int FROM articles WHERE created_by = $1) AS articles, (SELECT count(*)::int FROM claims WHERE created_by = $1) AS claims`,
    [userId],
  );
  return row;
}

export function expectExactSpans(body: string, claims: ClaimBody[]): void {
  for (const c of claims) expect({ id: c.id, text: body.slice(c.start, c.end) }).toEqual({ id: c.id, text: c.text });
}

/** Moves a claim to a state the review workflow would reach (final states carry their label, as the schema requires). */
export async function forceStatus(t: TestApp, claimId: string, status: string): Promise<void> {
  const final = ['verified', 'disputed', 'unverifiable'].includes(status);
  await t.db.query(`UPDATE claims SET status = $2, final_label = $3, resolution_source = $4 WHERE id = $1`, [
    claimId,
    status,
    final ? status : null,
    final ? 'consensus' : null,
  ]);
}

/** Freshly stored claims wait for review: pending, or queued when a queue takes them at once. */
export const WAITING = ['pending', 'queued'];
