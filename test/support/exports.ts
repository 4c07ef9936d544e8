import { decodeCursor } from '../../src/exports/export-cursor';
import { bearer, TestApp } from './test-app';

export const CURSOR_HEADER = 'x-export-cursor';

/**
 * Waits until an export's horizon passes every transaction committed so far: transactions still running anywhere
 * in this database (other suites share it) hold the horizon back for a moment.
 */
export async function exportHorizonPasses(t: TestApp, editorToken: string): Promise<void> {
  const [{ xid }] = await t.db.query(`SELECT pg_current_xact_id()::text AS xid`);
  for (let i = 0; i < 100; i++) {
    // an export of nothing (`to` long past): only its cursor is wanted
    const res = await t.fetch(`/exports/verdicts?format=ndjson&to=2000-01-01T00:00:00Z`, {
      headers: bearer(editorToken),
    });
    if (res.status !== 200) throw new Error(`export answered ${res.status}: ${res.text}`);
    if (BigInt(decodeCursor(res.headers.get(CURSOR_HEADER)!)) > BigInt(xid)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the export horizon did not move');
}

/**
 * An article with `count` final claims that exports already see: 30,000 make an export far larger than the buffers
 * between the cursor and a client, so its stream holds the snapshot until it is read or destroyed.
 */
export async function seedExportedArticle(
  t: TestApp,
  editor: { id: string; token: string },
  title: string,
  count = 30_000,
): Promise<string> {
  const [{ id }] = await t.db.query(
    `INSERT INTO articles (title, body, body_sha256, source, created_by)
     VALUES ($2, $2, encode(sha256(convert_to($2 || gen_random_uuid(), 'UTF8')), 'hex'), $2, $1) RETURNING id`,
    [editor.id, title],
  );
  await t.db.query(
    `INSERT INTO claims (article_id, text, start, "end", score, origin, status, normalized_text, final_label, resolution_source, finalized_at)
     SELECT $1, repeat('A bulk claim about bridges and budgets. ', 8), i * 10, i * 10 + 5, 0.5, 'manual', 'verified', 'x', 'verified', 'consensus', now()
     FROM generate_series(1, $2::int) i`,
    [id, count],
  );
  await exportHorizonPasses(t, editor.token);
  return id;
}
