import { fuzz, FuzzReport, OpenApiDocument, OpenApiFuzzer } from '../../bench/lib/openapi-fuzz';
import { ClaimExtractor } from '../../src/extraction/claim-extractor';
import { Role } from '../../src/users/role';
import { createQueue, seedQueuedClaims } from './review';
import { bearer, TestApp, uniqueSuffix } from './test-app';

export interface FuzzOutcome {
  report: FuzzReport;
  operations: number;
  /** Claims whose stored span is not their text. */
  inexactSpans: number;
  /** Articles whose extracted claims are not the ones their body yields. */
  articlesWithoutTheirClaims: string[];
  /** Audit rows of the callers against the successes the fuzz saw (each pair must be equal). */
  audit: Record<string, { rows: number; successes: number }>;
}

/**
 * Fixtures (an article, a queue with queued claims, a lease, a user to manage), at least `requests` generated
 * requests, as many for every operation × caller, then the checks for partial writes. The app must trust X-Forwarded-For from loopback
 * (TRUST_PROXY=loopback): the fuzz's failed logins then count against made-up addresses, not against the address
 * every other suite of the run signs in from.
 */
export async function fuzzSession(
  t: TestApp,
  {
    seed,
    requests,
    concurrency,
    onRound,
  }: { seed: number; requests: number; concurrency?: number; onRound?: (report: FuzzReport) => void },
): Promise<FuzzOutcome> {
  const [reviewer, editor, admin, outsider] = [
    await t.createUser(Role.Reviewer),
    await t.createUser(Role.Editor),
    await t.createUser(Role.Admin),
    await t.createUser(Role.Reviewer),
  ];
  const doc = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
  // Posted here rather than with support/articles, which reads a fixture file bench/fuzz's build does not carry.
  const body = `The council said 14 bridges in district ${uniqueSuffix()} were repaired in March 2024.`;
  const article = (
    await t.http.post('/articles').set(bearer(editor.token)).send({ title: 'Fuzz fixture', body }).expect(201)
  ).body as { id: string; claims: { id: string }[] };
  const slug = await createQueue(t, admin.token);
  // Written by a user outside the checks below: these articles are seeded without audit rows.
  await seedQueuedClaims(t, slug, 20, outsider.id);
  const lease = await t.http.post(`/queues/${slug}/next`).set(bearer(reviewer.token)).expect(200);
  const fuzzer = new OpenApiFuzzer(doc, {
    'articles:id': [article.id],
    'claims:id': article.claims.map((c) => c.id),
    'users:id': [outsider.id],
    'queues:slug': [slug, 'default', 'adjudication'],
    'assignments:id': [lease.body.id],
  });
  const address = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n}` });
  const callers = {
    anonymous: address(1),
    forged: { ...address(2), authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    reviewer: { ...address(3), ...bearer(reviewer.token) },
    editor: { ...address(4), ...bearer(editor.token) },
    admin: { ...address(5), ...bearer(admin.token) },
  };

  const perPair = Math.ceil(requests / (fuzzer.operations.length * Object.keys(callers).length));
  const report = await fuzz(t.url, fuzzer, callers, { seed, perPair, concurrency, onRound });

  const actors = [editor.id, admin.id];
  const [{ inexact }] = await t.db.query(
    `SELECT count(*)::int AS inexact FROM claims c JOIN articles a ON a.id = c.article_id
      WHERE a.created_by = ANY($1) AND substr(a.body, c.start + 1, c."end" - c.start) <> c.text`,
    [actors],
  );
  const extractor = new ClaimExtractor();
  const stored: { id: string; body: string; extracted: number }[] = await t.db.query(
    `SELECT a.id, a.body, (SELECT count(*)::int FROM claims c WHERE c.article_id = a.id AND c.origin = 'extracted') AS extracted
       FROM articles a WHERE a.created_by = ANY($1)`,
    [actors],
  );
  const audited = async (action: string): Promise<number> =>
    (
      await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND actor_id = ANY($2)`, [
        action,
        [...actors, reviewer.id],
      ])
    )[0].n;
  const ok = (operation: string) => report.successes[operation] ?? 0;
  const [created, deleted] = [await audited('article.create'), await audited('article.delete')];
  return {
    report,
    operations: fuzzer.operations.length,
    inexactSpans: inexact,
    articlesWithoutTheirClaims: stored
      .filter((a) => a.extracted !== extractor.extract(a.body).filter((s) => s.isClaim).length)
      .map((a) => a.id),
    audit: {
      // + 1: the fixture article, and the fixture queue
      'article.create': { rows: created, successes: ok('POST /articles') + report.importedArticles + 1 },
      'articles stored (created - deleted)': { rows: stored.length, successes: created - deleted },
      'user.create': { rows: await audited('user.create'), successes: ok('POST /users') },
      'claim.create': { rows: await audited('claim.create'), successes: ok('POST /articles/{id}/claims') },
      'queue.create': { rows: await audited('queue.create'), successes: ok('POST /queues') + 1 },
    },
  };
}
