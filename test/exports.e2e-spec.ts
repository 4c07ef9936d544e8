import { parse } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { readFileSync } from 'node:fs';
import { get, IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { AppConfig } from '../src/config/app-config';
import { ExportQueryDto } from '../src/exports/dtos/export-query.dto';
import { decodeCursor } from '../src/exports/export-cursor';
import { EXPORT_SQL_TAG } from '../src/exports/export-query.sql';
import { ExportException } from '../src/exports/export.exception';
import { ExportFile, ExportsService } from '../src/exports/exports.service';
import { ExportsRepository } from '../src/exports/exports.repository';
import { Role } from '../src/users/role';
import { CURSOR_HEADER, exportHorizonPasses, seedExportedArticle } from './support/exports';
import { createQueue, DISPUTED, pull, reviewers, seedQueuedClaims, submit, VERIFIED } from './support/review';
import { bearer, TestApp, TestUser } from './support/test-app';

const UNVERIFIABLE = {
  label: 'unverifiable',
  rationale: 'No record either way.',
  sources: [{ url: 'https://example.org/archive' }],
  confidence: 2,
};

/** A GET whose body is not read: resolves with the response once its first chunk has arrived, then paused. */
function openPaused(url: string, token: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers: bearer(token) }, (res) => {
      res.once('data', (chunk: Buffer) => {
        res.pause();
        res.unshift(chunk);
        resolve(res);
      });
    });
    req.on('error', reject);
  });
}

/** Reads the rest of a response: 'complete' when it ended properly (chunked encoding's last chunk), else 'aborted'. */
function readToEnd(res: IncomingMessage): Promise<{ ending: 'complete' | 'aborted'; body: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let ended = false;
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.once('end', () => (ended = true));
    res.once('close', () =>
      resolve({ ending: ended && res.complete ? 'complete' : 'aborted', body: Buffer.concat(chunks).toString('utf8') }),
    );
    res.on('error', () => undefined);
    res.resume();
  });
}

describe('editor exports (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let editor: TestUser;
  let r1: TestUser;
  let r2: TestUser;

  const exportAs = async (token: string | null, params: Record<string, string>) => {
    return t.fetch(`/exports/verdicts?${new URLSearchParams(params)}`, { headers: token ? bearer(token) : {} });
  };
  const exportOk = async (params: Record<string, string>, token = editor.token) => {
    const res = await exportAs(token, params);
    expect({ status: res.status, text: res.status === 200 ? '' : res.text }).toEqual({ status: 200, text: '' });
    return res;
  };
  const ndjson = async (params: Record<string, string>) => {
    const res = await exportOk({ ...params, format: 'ndjson' });
    return {
      cursor: res.headers.get(CURSOR_HEADER)!,
      claims: res.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    };
  };

  const settle = () => exportHorizonPasses(t, editor.token);
  const seedBulkArticle = (title: string) => seedExportedArticle(t, editor, title);

  /** The audit row of the export that returned this cursor, once its stream has ended (it is written then). */
  async function auditedExport(
    cursor: string,
  ): Promise<{ action: string; actor_id: string | null; entity_id: string | null; after: Record<string, unknown> }> {
    for (let i = 0; i < 100; i++) {
      const [row] = await t.db.query(
        `SELECT action, actor_id, entity_id, after FROM audit_log WHERE action LIKE 'export.%' AND entity = 'export' AND after ->> 'cursor' = $1 ORDER BY id DESC`,
        [cursor],
      );
      if (row) return row;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no audit row for the export with cursor ${cursor}`);
  }

  /** Two reviewers pull the same claim and give it these verdicts; returns the claim id. */
  async function review(
    slug: string,
    labels: [object, object],
    pair: [TestUser, TestUser] = [r1, r2],
  ): Promise<string> {
    const a = (await pull(t, pair[0].token, slug).expect(200)).body;
    const b = (await pull(t, pair[1].token, slug).expect(200)).body;
    expect(b.claim.id).toBe(a.claim.id);
    await submit(t, pair[0].token, a.id, labels[0]).expect(201);
    await submit(t, pair[1].token, b.id, labels[1]).expect(201);
    return a.claim.id;
  }

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    editor = await t.createUser(Role.Editor);
    [r1, r2] = await reviewers(t, 2);
  });
  afterAll(() => t.close());

  describe('a settled queue', () => {
    let slug: string;
    let articleWithUrl: string;
    const ids = {} as Record<'vv' | 'dd' | 'adjudicated' | 'uu' | 'split' | 'noUrl', string>;

    beforeAll(async () => {
      slug = await createQueue(t, admin, { verdictsRequired: 2 });
      const claims = await seedQueuedClaims(t, slug, 5, editor.id);
      const [noUrl] = await seedQueuedClaims(t, slug, 1, editor.id);
      [{ article_id: articleWithUrl }] = await t.db.query(`SELECT article_id FROM claims WHERE id = $1`, [claims[0]]);
      await t.db.query(
        `UPDATE articles SET url = 'https://news.example/bridges', published_at = '2024-03-02T08:00:00Z' WHERE id = $1`,
        [articleWithUrl],
      );
      await t.http
        .patch(`/claims/${claims[0]}`)
        .set(bearer(editor.token))
        .send({ speaker: 'Ministry of Transport' })
        .expect(200);
      await t.http.patch(`/claims/${claims[1]}`).set(bearer(editor.token)).send({ speaker: 'Jane Doe' }).expect(200);
      // Reviewed in pull order (best score first); the no-url article's claim goes last.
      await t.db.query(`UPDATE claims SET priority = -1 WHERE id = $1`, [noUrl]);
      ids.vv = await review(slug, [VERIFIED, { ...VERIFIED, sources: [{ url: 'https://example.org/second' }] }]);
      ids.dd = await review(slug, [DISPUTED, DISPUTED]);
      ids.adjudicated = await review(slug, [VERIFIED, DISPUTED]);
      await t.http
        .post(`/claims/${ids.adjudicated}/resolution`)
        .set(bearer(editor.token))
        .send({ label: 'disputed', rationale: 'Primary source.' })
        .expect(200);
      ids.uu = await review(slug, [UNVERIFIABLE, UNVERIFIABLE]);
      ids.split = await review(slug, [VERIFIED, DISPUTED]);
      ids.noUrl = await review(slug, [VERIFIED, VERIFIED]);
      expect(ids.noUrl).toBe(noUrl);
      expect([ids.vv, ids.dd]).toEqual(claims.slice(0, 2));
      await settle();
    });

    it('should stream CSV with RFC 4180 quoting, the lineage of each final claim and the download headers', async () => {
      const res = await exportOk({ format: 'csv', queue: slug });
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="verdicts-\d{8}T\d{6}Z\.csv"$/);
      expect(res.headers.get(CURSOR_HEADER)).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(res.text).toContain('\r\n');
      const rows: Record<string, string>[] = parse(res.text, { columns: true });
      expect(rows.map((r) => r.claimId).sort()).toEqual([ids.vv, ids.dd, ids.adjudicated, ids.uu, ids.noUrl].sort());
      const [claim] = await t.db.query(
        `SELECT text, start, "end", to_char(finalized_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS fin FROM claims WHERE id = $1`,
        [ids.vv],
      );
      expect(rows.find((r) => r.claimId === ids.vv)).toEqual({
        claimId: ids.vv,
        text: claim.text,
        start: String(claim.start),
        end: String(claim.end),
        speaker: 'Ministry of Transport',
        articleId: articleWithUrl,
        articleTitle: `Seed ${slug}`,
        articleUrl: 'https://news.example/bridges',
        articleSource: 'Seed',
        articlePublishedAt: '2024-03-02T08:00:00.000Z',
        status: 'verified',
        finalLabel: 'verified',
        settledBy: 'consensus',
        round: '1',
        verdictCount: '2',
        agreement: '1',
        reviewerIds: `${r1.id} ${r2.id}`,
        adjudicatorId: '',
        sourceUrls: 'https://example.org/second https://example.org/source',
        finalizedAt: claim.fin,
      });
      expect(rows.find((r) => r.claimId === ids.adjudicated)).toMatchObject({
        finalLabel: 'disputed',
        settledBy: 'adjudication',
        adjudicatorId: editor.id,
        verdictCount: '2',
        agreement: '0.5',
      });
    });

    it('should stream JSON and NDJSON with the same lineage objects, the cursor inside the JSON document', async () => {
      const json = await exportOk({ format: 'json', queue: slug });
      expect(json.headers.get('content-type')).toBe('application/json');
      expect(json.headers.get('content-disposition')).toMatch(/filename="verdicts-\d{8}T\d{6}Z\.json"/);
      const doc = JSON.parse(json.text);
      expect(doc.cursor).toBe(json.headers.get(CURSOR_HEADER));
      const nd = await exportOk({ format: 'ndjson', queue: slug });
      expect(nd.headers.get('content-type')).toBe('application/x-ndjson');
      const lines = nd.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const byId = (a: { claimId: string }, b: { claimId: string }) => a.claimId.localeCompare(b.claimId);
      expect(lines.sort(byId)).toEqual(doc.claims.sort(byId));
      expect(doc.claims.find((c: { claimId: string }) => c.claimId === ids.dd)).toEqual({
        claimId: ids.dd,
        text: expect.any(String),
        start: expect.any(Number),
        end: expect.any(Number),
        speaker: 'Jane Doe',
        article: {
          id: articleWithUrl,
          title: `Seed ${slug}`,
          url: 'https://news.example/bridges',
          source: 'Seed',
          publishedAt: '2024-03-02T08:00:00.000Z',
        },
        status: 'disputed',
        finalLabel: 'disputed',
        settledBy: 'consensus',
        round: 1,
        verdictCount: 2,
        agreement: 1,
        reviewerIds: [r1.id, r2.id],
        adjudicatorId: null,
        sourceUrls: ['https://example.org/other'],
        finalizedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
    });

    it('should emit a plain JSON-LD array of valid ClaimReview for final claims, the cursor in a header, the rest in the skipped report', async () => {
      const res = await exportOk({
        format: 'claimreview',
        queue: slug,
        status: 'verified,disputed,unverifiable,needs_adjudication',
      });
      expect(res.headers.get('content-type')).toBe('application/ld+json');
      expect(res.headers.get(CURSOR_HEADER)).toMatch(/^[A-Za-z0-9_-]+$/);
      const items = JSON.parse(res.text) as Record<string, any>[];
      expect(Array.isArray(items)).toBe(true);
      const item = (id: string) => items.find((i) => i.url === `http://localhost:3000/claims/${id}`)!;
      expect(items).toHaveLength(4);
      for (const i of items) {
        expect(i).toMatchObject({
          '@context': 'https://schema.org',
          '@type': 'ClaimReview',
          claimReviewed: expect.any(String),
          datePublished: expect.any(String),
          author: { '@type': 'Organization', name: 'Fact-check desk' },
        });
        expect(i.itemReviewed).toMatchObject({
          '@type': 'Claim',
          datePublished: '2024-03-02T08:00:00.000Z',
          appearance: { '@type': 'CreativeWork', url: 'https://news.example/bridges' },
        });
      }
      const rating = (id: string) => item(id).reviewRating;
      expect(rating(ids.vv)).toEqual({
        '@type': 'Rating',
        name: 'Verified',
        ratingValue: 5,
        bestRating: 5,
        worstRating: 1,
        alternateName: 'Verified',
      });
      expect(rating(ids.dd)).toMatchObject({ ratingValue: 1, name: 'Disputed', alternateName: 'Disputed' });
      expect(rating(ids.adjudicated)).toMatchObject({ ratingValue: 1, alternateName: 'Disputed' });
      expect(rating(ids.uu)).toMatchObject({ ratingValue: 3, alternateName: 'Unverifiable' });
      expect(item(ids.vv).itemReviewed.author).toEqual({ '@type': 'Organization', name: 'Ministry of Transport' });
      expect(item(ids.dd).itemReviewed.author).toEqual({ '@type': 'Person', name: 'Jane Doe' });

      const params = new URLSearchParams({
        queue: slug,
        status: 'verified,disputed,unverifiable,needs_adjudication',
        until: res.headers.get(CURSOR_HEADER)!,
      });
      const report = await t.http.get(`/exports/claimreview/skipped?${params}`).set(bearer(editor.token)).expect(200);
      expect(report.body.cursor).toBe(res.headers.get(CURSOR_HEADER));
      expect(
        report.body.skipped.sort((a: { claimId: string }, b: { claimId: string }) =>
          a.claimId.localeCompare(b.claimId),
        ),
      ).toEqual(
        [
          {
            claimId: ids.split,
            problems: [
              'claim is not final (status needs_adjudication)',
              'reviewRating.name is missing',
              'reviewRating.alternateName is missing',
              'reviewRating.ratingValue is missing',
            ],
          },
          { claimId: ids.noUrl, problems: ['itemReviewed.appearance.url is missing'] },
        ].sort((a, b) => a.claimId.localeCompare(b.claimId)),
      );
    });

    it('should read as exactly the ClaimReview triples when a JSON-LD processor expands it (offline schema.org context)', async () => {
      const res = await exportOk({ format: 'claimreview', queue: slug });
      const context = JSON.parse(readFileSync(join(__dirname, 'fixtures/schema-org-context.jsonld'), 'utf8'));
      const documentLoader = async (url: string) => {
        if (url.replace(/\/$/, '') !== 'https://schema.org') throw new Error(`offline test: no document at ${url}`);
        return { contextUrl: undefined, documentUrl: url, document: context };
      };
      type Term = { termType: string; value: string; datatype?: { value: string } };
      const quads = (await jsonld.toRDF(JSON.parse(res.text), {
        documentLoader,
      } as jsonld.Options.ToRdf)) as unknown as { subject: Term; predicate: Term; object: Term; graph: Term }[];
      expect(new Set(quads.map((q) => q.graph.termType))).toEqual(new Set(['DefaultGraph'])); // no named graph of a blank node
      const S = 'http://schema.org/';
      const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
      expect([...new Set(quads.map((q) => q.predicate.value))].sort()).toEqual(
        [
          'alternateName',
          'appearance',
          'author',
          'bestRating',
          'claimReviewed',
          'datePublished',
          'headline',
          'itemReviewed',
          'name',
          'ratingValue',
          'reviewRating',
          'url',
          'worstRating',
        ]
          .map((p) => `${S}${p}`)
          .concat(RDF_TYPE)
          .sort(),
      );
      const objects = (subject: string, predicate: string) =>
        quads
          .filter((q) => q.subject.value === subject && q.predicate.value === `${S}${predicate}`)
          .map((q) => q.object);
      const reviews = quads
        .filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${S}ClaimReview`)
        .map((q) => q.subject.value);
      expect(reviews).toHaveLength(4);
      const review = reviews.find((r) => objects(r, 'url')[0]?.value === `http://localhost:3000/claims/${ids.vv}`)!;
      expect(objects(review, 'url')[0].termType).toBe('NamedNode');
      expect(objects(review, 'claimReviewed')).toHaveLength(1);
      const [rating] = objects(review, 'reviewRating');
      expect(objects(rating.value, 'ratingValue')).toEqual([
        expect.objectContaining({
          value: '5',
          datatype: expect.objectContaining({ value: 'http://www.w3.org/2001/XMLSchema#integer' }),
        }),
      ]);
      expect(objects(rating.value, 'name').map((o) => o.value)).toEqual(['Verified']);
      const [claim] = objects(review, 'itemReviewed');
      const [appearance] = objects(claim.value, 'appearance');
      expect(objects(appearance.value, 'url').map((o) => o.value)).toEqual(['https://news.example/bridges']);
      expect(objects(objects(claim.value, 'author')[0].value, 'name').map((o) => o.value)).toEqual([
        'Ministry of Transport',
      ]);
    });

    it('should apply every filter', async () => {
      const idsOf = async (params: Record<string, string>) =>
        (await ndjson({ queue: slug, ...params })).claims.map((c) => c.claimId).sort();
      expect(await idsOf({ status: 'needs_adjudication' })).toEqual([ids.split]);
      expect(await idsOf({ status: 'verified,unverifiable' })).toEqual([ids.vv, ids.uu, ids.noUrl].sort());
      expect(await idsOf({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
      expect(await idsOf({ to: '2000-01-01T00:00:00Z' })).toEqual([]);
      expect(
        await idsOf({ from: '2000-01-01T00:00:00Z', to: new Date(Date.now() + 60_000).toISOString() }),
      ).toHaveLength(5);
      expect(await idsOf({ source: 'Seed' })).toHaveLength(5);
      expect(await idsOf({ source: 'Elsewhere' })).toEqual([]);
      expect(await idsOf({ articleId: articleWithUrl })).toEqual([ids.vv, ids.dd, ids.adjudicated, ids.uu].sort());
      const [other] = await reviewers(t, 1);
      const otherQueue = await createQueue(t, admin, { verdictsRequired: 2 });
      await seedQueuedClaims(t, otherQueue, 1, editor.id);
      const elsewhere = await review(otherQueue, [VERIFIED, VERIFIED], [r1, other]);
      await settle();
      expect((await ndjson({ reviewer: other.id })).claims.map((c) => c.claimId)).toEqual([elsewhere]);
      expect(await idsOf({ reviewer: other.id })).toEqual([]);
      expect((await exportAs(editor.token, { queue: 'no-such-queue' })).status).toBe(404);
    });

    it('should count the rows an export with the same filters carries, with the cursor that export would send', async () => {
      const counted = async (params: Record<string, string>) =>
        (
          await t.http
            .get(`/exports/count?${new URLSearchParams(params)}`)
            .set(bearer(editor.token))
            .expect(200)
        ).body;
      const filters: Record<string, string>[] = [
        { queue: slug },
        { queue: slug, status: 'verified,unverifiable' },
        { queue: slug, status: 'needs_adjudication' },
        { articleId: articleWithUrl },
      ];
      for (const params of filters) {
        const { claims, cursor } = await ndjson(params);
        const count = await counted(params);
        expect(count).toEqual({ rows: claims.length, cursor: expect.any(String) });
        expect(BigInt(decodeCursor(count.cursor))).toBeGreaterThanOrEqual(BigInt(decodeCursor(cursor)));
      }
      expect((await counted({ queue: slug, to: '2000-01-01T00:00:00Z' })).rows).toBe(0);
      const { cursor } = await ndjson({ queue: slug });
      expect((await counted({ queue: slug, since: cursor })).rows).toBe(0);
      expect(await counted({ queue: slug, until: cursor })).toEqual({ rows: 5, cursor });
      expect(
        (await t.http.get('/exports/count?queue=no-such-queue').set(bearer(editor.token)).expect(404)).body.code,
      ).toBe('EXPORT_QUEUE_NOT_FOUND');
      await t.http.get('/exports/count?from=2024-W01').set(bearer(editor.token)).expect(400);
      await t.http.get('/exports/count').set(bearer(r1.token)).expect(403);
    });

    it('should export one claim by claimId (the ClaimReview preview of one claim)', async () => {
      const res = await exportOk({ format: 'claimreview', claimId: ids.vv });
      const reviews = JSON.parse(res.text);
      expect(reviews).toHaveLength(1);
      expect(reviews[0]).toMatchObject({ '@type': 'ClaimReview', reviewRating: { name: expect.any(String) } });
      expect((await ndjson({ claimId: ids.split, status: 'needs_adjudication' })).claims.map((c) => c.claimId)).toEqual(
        [ids.split],
      );
      expect((await ndjson({ claimId: ids.split })).claims).toEqual([]);
      expect((await exportAs(editor.token, { claimId: 'not-a-uuid' })).status).toBe(400);
    });

    it("should add every reviewer's verdicts with include=verdicts, in JSON and as a CSV column", async () => {
      const { claims } = await ndjson({ queue: slug, include: 'verdicts' });
      const adjudicated = claims.find((c) => c.claimId === ids.adjudicated);
      expect(adjudicated.verdicts).toEqual([
        {
          reviewerId: r1.id,
          round: 1,
          label: 'verified',
          rationale: null,
          sources: VERIFIED.sources,
          confidence: 4,
          createdAt: expect.any(String),
        },
        {
          reviewerId: r2.id,
          round: 1,
          label: 'disputed',
          rationale: DISPUTED.rationale,
          sources: DISPUTED.sources,
          confidence: 3,
          createdAt: expect.any(String),
        },
      ]);
      const rows: Record<string, string>[] = parse(
        (await exportOk({ format: 'csv', queue: slug, include: 'verdicts' })).text,
        { columns: true },
      );
      expect(JSON.parse(rows.find((r) => r.claimId === ids.adjudicated)!.verdicts)).toEqual(adjudicated.verdicts);
      expect((await ndjson({ queue: slug })).claims[0]).not.toHaveProperty('verdicts');
    });

    it('should record each completed export in the audit log with its format, filters, cursor and rows', async () => {
      const res = await exportOk({ format: 'csv', queue: slug, status: 'verified' });
      const cursor = res.headers.get(CURSOR_HEADER);
      const row = await auditedExport(cursor!);
      expect(row).toEqual({
        action: 'export.download',
        actor_id: editor.id,
        entity_id: null,
        after: { format: 'csv', filters: { queue: slug, status: ['verified'] }, cursor, safe: true, rows: 2 },
      });
    });
  });

  it('should neutralise formula cells by default and leave them verbatim with safe=false, and add a BOM with bom=true', async () => {
    const slug = await createQueue(t, admin, { verdictsRequired: 2 });
    const [claim] = await seedQueuedClaims(t, slug, 1, editor.id);
    const formula = '=HYPERLINK("http://evil.example/?x=1","Click, here")';
    await t.db.query(`UPDATE claims SET text = $2, speaker = '@handle' WHERE id = $1`, [claim, formula]);
    await review(slug, [VERIFIED, VERIFIED]);
    await settle();
    const cells = async (safe?: string) =>
      parse((await exportOk({ format: 'csv', queue: slug, ...(safe && { safe }) })).text, { columns: true })[0];
    expect(await cells()).toMatchObject({
      text: `'${formula}`,
      speaker: "'@handle",
      claimId: claim,
      finalLabel: 'verified',
    });
    expect(await cells('true')).toMatchObject({ text: `'${formula}`, speaker: "'@handle" });
    expect(await cells('false')).toMatchObject({ text: formula, speaker: '@handle' });
    const bytes = async (params: Record<string, string>) =>
      Buffer.from(
        await (
          await fetch(`${t.url}/exports/verdicts?${new URLSearchParams({ queue: slug, ...params })}`, {
            headers: bearer(editor.token),
          })
        ).arrayBuffer(),
      );
    const withBom = await bytes({ bom: 'true' });
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.subarray(3).toString('utf8')).toMatch(/^claimId,text,/);
    expect((await bytes({})).toString('utf8')).toMatch(/^claimId,text,/);
    expect((await bytes({ bom: 'false' })).toString('utf8')).toMatch(/^claimId,text,/);
  });

  describe('time filters', () => {
    it('should filter finalizedAt inclusively at the millisecond it shows', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 2 });
      await seedQueuedClaims(t, slug, 1, editor.id);
      const claimId = await review(slug, [VERIFIED, VERIFIED]);
      await t.db.query(`UPDATE claims SET finalized_at = '2024-05-06T07:08:09.123456Z' WHERE id = $1`, [claimId]);
      await settle();
      const found = async (range: Record<string, string>) =>
        (await ndjson({ queue: slug, ...range })).claims.map((c) => c.finalizedAt);
      const [shown] = await found({});
      expect(shown).toBe('2024-05-06T07:08:09.123Z');
      expect(await found({ to: shown })).toEqual([shown]);
      expect(await found({ from: shown, to: shown })).toEqual([shown]);
      expect(await found({ to: '2024-05-06T07:08:09.122Z' })).toEqual([]);
      expect(await found({ from: '2024-05-06T07:08:09.124Z' })).toEqual([]);
    });
  });

  describe('the incremental cursor', () => {
    it('should hold back a claim finalized by an open transaction and deliver it in the next poll', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 1 });
      const [first, second] = await seedQueuedClaims(t, slug, 2, editor.id);
      const lease = (await pull(t, r1.token, slug).expect(200)).body;
      await submit(t, r1.token, lease.id).expect(201);
      await settle();
      const runner = t.db.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(
          `UPDATE claims SET status = 'disputed', final_label = 'disputed', resolution_source = 'adjudication', finalized_at = now() WHERE id = $1`,
          [second],
        );
        const poll1 = await ndjson({ queue: slug });
        expect(poll1.claims.map((c) => c.claimId)).toEqual([first]);
        await runner.commitTransaction();
        await settle();
        const poll2 = await ndjson({ queue: slug, since: poll1.cursor });
        expect(poll2.claims.map((c) => c.claimId)).toEqual([second]);
        expect((await ndjson({ queue: slug, since: poll2.cursor })).claims).toEqual([]);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    });

    it('should cover every final claim exactly once across polls while verdicts keep landing in parallel', async () => {
      const slug = await createQueue(t, admin, { verdictsRequired: 2 });
      await seedQueuedClaims(t, slug, 40, editor.id);
      const team = await reviewers(t, 6);
      let reviewing = true;
      const work = Promise.all(
        team.map(async (r) => {
          for (;;) {
            const res = await pull(t, r.token, slug);
            if (res.status === 204) return;
            await submit(t, r.token, res.body.id, Math.random() < 0.8 ? VERIFIED : DISPUTED).expect(201);
          }
        }),
      ).finally(() => (reviewing = false));
      const seen: string[] = [];
      let cursor: string | undefined;
      let polls = 0;
      do {
        const poll = await ndjson({
          queue: slug,
          status: 'verified,disputed,needs_adjudication',
          ...(cursor && { since: cursor }),
        });
        seen.push(...poll.claims.filter((c) => c.status !== 'needs_adjudication').map((c) => c.claimId));
        cursor = poll.cursor;
        polls++;
      } while (reviewing);
      await work;
      await settle();
      seen.push(
        ...(await ndjson({ queue: slug, status: 'verified,disputed', since: cursor })).claims.map((c) => c.claimId),
      );
      const finals: { id: string }[] = await t.db.query(
        `SELECT c.id FROM claims c JOIN queues q ON q.id = c.queue_id WHERE q.slug = $1 AND c.status IN ('verified', 'disputed')
         UNION SELECT a.claim_id FROM assignments a JOIN queues q ON q.id = a.queue_id JOIN claims c ON c.id = a.claim_id
         WHERE q.slug = $1 AND c.status IN ('verified', 'disputed')`,
        [slug],
      );
      expect(polls).toBeGreaterThan(2);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.sort()).toEqual(finals.map((f) => f.id).sort());
    });
  });

  describe('with an export too large to sit in buffers', () => {
    let article: string;

    beforeAll(async () => {
      article = await seedBulkArticle('Bulk');
    });
    afterAll(() => t.db.query(`DELETE FROM articles WHERE id = $1`, [article]));

    it('should stop the query and release the connection when the client disconnects mid-stream', async () => {
      const exportBackends = () =>
        t.db.query(
          `SELECT pid, state FROM pg_stat_activity WHERE datname = current_database() AND query LIKE $1 AND state <> 'idle'`,
          [`${EXPORT_SQL_TAG}%`],
        );
      const url = `${t.url}/exports/verdicts?format=ndjson&articleId=${article}`;
      const midStream = await new Promise<unknown[]>((resolve, reject) => {
        const req = get(url, { headers: bearer(editor.token) }, (res) => {
          res.once('data', () => {
            res.pause();
            exportBackends().then(
              (backends) => {
                req.destroy();
                resolve(backends);
              },
              (error: Error) => {
                req.destroy();
                reject(error);
              },
            );
          });
        });
        req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      });
      expect(midStream).toHaveLength(1); // the cursor was open when the client went away
      let left: unknown[] = [];
      for (let i = 0; i < 50; i++) {
        left = await exportBackends();
        if (!left.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(left).toEqual([]);
      const [gone] = await t.db.query(
        `SELECT after FROM audit_log WHERE action = 'export.failed' AND actor_id = $1 AND after ->> 'reason' = 'client_closed'`,
        [editor.id],
      );
      expect(gone.after).toMatchObject({ format: 'ndjson', filters: { articleId: article } });
      expect((await ndjson({ articleId: article, to: '2000-01-01T00:00:00Z' })).claims).toEqual([]); // the pool still serves exports
    });

    it('should abort the response so the client sees it cut off, and audit export.failed, when the database fails mid-stream', async () => {
      const res = await openPaused(`${t.url}/exports/verdicts?format=json&articleId=${article}`, editor.token);
      expect(res.statusCode).toBe(200);
      const cursor = res.headers[CURSOR_HEADER] as string;
      await t.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE $1`,
        [`${EXPORT_SQL_TAG}%`],
      );
      const { ending, body } = await readToEnd(res);
      expect(ending).toBe('aborted');
      expect(() => JSON.parse(body)).toThrow(); // and no valid closing
      expect(await auditedExport(cursor)).toMatchObject({
        action: 'export.failed',
        actor_id: editor.id,
        after: expect.objectContaining({ reason: 'error', format: 'json' }),
      });
      expect((await ndjson({ articleId: article, to: '2000-01-01T00:00:00Z' })).claims).toEqual([]); // the pool still serves exports
    });

    it('should answer 429 with Retry-After when one user runs too many exports at once, and let others in', async () => {
      const service = t.app.get(ExportsService);
      const perUser = t.app.get(AppConfig).exportLimits.perUser;
      const me = { id: editor.id, email: editor.email, role: Role.Editor };
      const query = Object.assign(new ExportQueryDto(), { format: 'ndjson', articleId: article });
      const open: ExportFile[] = [];
      try {
        for (let i = 0; i < perUser; i++) open.push(await service.open(me, query));
        const limited = await exportAs(editor.token, { format: 'csv', to: '2000-01-01T00:00:00Z' });
        expect({
          status: limited.status,
          code: JSON.parse(limited.text).code,
          retryAfter: Number(limited.headers.get('retry-after')),
        }).toEqual({
          status: 429,
          code: 'EXPORT_USER_LIMIT',
          retryAfter: expect.any(Number),
        });
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await exportAs(admin, { format: 'csv', to: '2000-01-01T00:00:00Z' })).status).toBe(200);
        open.pop()!.stream.destroy();
        let status = 429;
        for (let i = 0; i < 50 && status === 429; i++) {
          await new Promise((r) => setTimeout(r, 20));
          status = (await exportAs(editor.token, { format: 'csv', to: '2000-01-01T00:00:00Z' })).status;
        }
        expect(status).toBe(200);
      } finally {
        open.forEach((file) => file.stream.destroy());
      }
    });

    it('should answer 503 EXPORT_BUSY while half the pool is exporting, and serve again as soon as one ends', async () => {
      const service = t.app.get(ExportsService);
      const limit = Math.floor(t.app.get(AppConfig).dbPoolSize / 2);
      // Exports nobody reads: each holds its snapshot connection until its stream is destroyed. An export that just
      // ended may still be returning its connection (the count drops once it has), hence the retry.
      const query = Object.assign(new ExportQueryDto(), { format: 'ndjson', articleId: article });
      const open: ExportFile[] = [];
      for (let tries = 0; open.length < limit && tries < 100; tries++) {
        try {
          open.push(await service.open(null, query));
        } catch (error) {
          if ((error as ExportException).code !== 'EXPORT_BUSY') throw error;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      try {
        expect(open).toHaveLength(limit);
        const busy = await exportAs(editor.token, { format: 'csv' });
        expect({ status: busy.status, code: JSON.parse(busy.text).code }).toEqual({ status: 503, code: 'EXPORT_BUSY' });
        open.pop()!.stream.destroy();
        let status = 503;
        for (let i = 0; i < 50 && status === 503; i++) {
          await new Promise((r) => setTimeout(r, 20));
          status = (await exportAs(editor.token, { format: 'csv', to: '2000-01-01T00:00:00Z' })).status;
        }
        expect(status).toBe(200);
      } finally {
        open.forEach((file) => file.stream.destroy());
      }
    });
  });

  it('should answer 400 on an unknown format, a bad date, status or cursor, and an unknown parameter', async () => {
    const bad = async (params: Record<string, string>) => {
      const res = await exportAs(editor.token, params);
      expect({ params, status: res.status }).toEqual({ params, status: 400 });
      return JSON.parse(res.text);
    };
    await bad({ format: 'xml' });
    await bad({ from: 'yesterday' });
    await bad({ to: '2024-13-40' });
    await bad({ status: 'pending' });
    await bad({ status: '' });
    await bad({ safe: 'yes' });
    await bad({ bom: '1' });
    // a date the validator may pass but PostgreSQL does not store: refused before any header of a file
    for (const from of ['2024-W01']) {
      const res = await exportAs(editor.token, { format: 'csv', from });
      expect({
        from,
        status: res.status,
        disposition: res.headers.get('content-disposition'),
        cursor: res.headers.get(CURSOR_HEADER),
      }).toEqual({ from, status: 400, disposition: null, cursor: null });
    }
    await bad({ limit: '5' });
    expect((await bad({ since: 'not-a-cursor' })).code).toBe('EXPORT_BAD_CURSOR');
    expect((await bad({ since: Buffer.from('{"v":2,"h":"5"}').toString('base64url') })).code).toBe('EXPORT_BAD_CURSOR');
    expect((await bad({ since: Buffer.from('{"v":1,"h":"-5"}').toString('base64url') })).code).toBe(
      'EXPORT_BAD_CURSOR',
    );
  });

  it('should refuse reviewers (403) and anonymous callers (401), and serve admins', async () => {
    expect((await exportAs(r1.token, { format: 'csv' })).status).toBe(403);
    expect((await exportAs(null, { format: 'csv' })).status).toBe(401);
    expect((await exportAs(admin, { format: 'json', to: '2000-01-01T00:00:00Z' })).status).toBe(200);
  });

  describe('a client that stops reading', () => {
    const IDLE_SECONDS = 1;
    let idle: TestApp;
    let article: string;

    beforeAll(async () => {
      process.env.EXPORT_IDLE_TIMEOUT_SECONDS = String(IDLE_SECONDS);
      idle = await TestApp.start();
      delete process.env.EXPORT_IDLE_TIMEOUT_SECONDS;
      article = await seedBulkArticle('Idle');
    });
    afterAll(async () => {
      await idle.close();
      await t.db.query(`DELETE FROM articles WHERE id = $1`, [article]);
    });

    it('should end the export, its snapshot and the connection once the client has read nothing for the idle timeout', async () => {
      const res = await openPaused(`${idle.url}/exports/verdicts?format=csv&articleId=${article}`, editor.token);
      const cursor = res.headers[CURSOR_HEADER] as string;
      const exportBackends = () =>
        t.db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE $1`, [
          `${EXPORT_SQL_TAG}%`,
        ]);
      expect(await exportBackends()).toHaveLength(1);
      let left: unknown[] = [{}];
      for (let i = 0; i < 100 && left.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
        left = await exportBackends();
      }
      expect(left).toEqual([]);
      expect(await auditedExport(cursor)).toMatchObject({
        action: 'export.failed',
        actor_id: editor.id,
        after: expect.objectContaining({ reason: 'idle_timeout' }),
      });
      expect((await readToEnd(res)).ending).toBe('aborted');
    });

    it('should have PostgreSQL end an export session left idle in its transaction (the backstop: twice the idle timeout)', async () => {
      const snapshot = await idle.app.get(ExportsRepository).openSnapshot(200);
      try {
        await new Promise((r) => setTimeout(r, 600));
        await expect(
          snapshot.count({ statuses: ['verified'], horizon: snapshot.horizon, includeVerdicts: false }),
        ).rejects.toThrow(/idle-in-transaction|terminat|connection error/i);
      } finally {
        await snapshot.close();
      }
    });
  });
});
