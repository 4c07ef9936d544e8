import { ClaimExtractor } from '../src/extraction/claim-extractor';
import { Role } from '../src/users/role';
import { countWrittenBy, uniqueBody } from './support/articles';
import { syntheticArticles } from './support/synthetic-articles';
import { bearer, TestApp, TestUser, uniqueSuffix } from './support/test-app';

interface LineResult {
  line: number;
  status: string;
  id?: string;
  existingId?: string;
  error?: string;
}

describe('NDJSON import (e2e)', () => {
  let t: TestApp;
  let editor: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.createUser(Role.Editor);
  });
  afterAll(() => t.close());

  const upload = (payload: string, token = editor.token) =>
    t.http.post('/articles/import').set(bearer(token)).set('content-type', 'application/x-ndjson').send(payload);

  it('should import 5,000 lines, reporting exactly the 10 bad and 10 duplicate ones, and store the rest', async () => {
    const goods = syntheticArticles(4980, uniqueSuffix());
    const bad: string[] = [
      '{"title": "Broken", "body": ',
      'not json at all',
      JSON.stringify({ body: 'Officials said 3 people died.' }),
      JSON.stringify({ title: 42, body: 'Officials said 3 people died.' }),
      JSON.stringify({ title: 'Extra', body: 'Officials said 3 people died.', priority: 'high' }),
      JSON.stringify({ title: 'Ftp', body: 'Officials said 3 people died.', url: 'ftp://x.example.com/a' }),
      JSON.stringify({ title: 'Date', body: 'Officials said 3 people died.', publishedAt: 'last Tuesday' }),
      JSON.stringify([{ title: 'Array', body: 'x' }]),
      JSON.stringify({ title: 'Huge', body: 'y'.repeat(500_001) }),
      JSON.stringify({ title: 'Blank body', body: '   ' }),
    ];
    const withUrl = goods.findIndex((g) => g.url);
    const dupOf = [0, 1, 2, 10, 100, 500, 1000, 2000, 3000, withUrl];
    const duplicates = dupOf.map((k, i) => {
      if (i === 8) return { ...goods[k], title: 'Same body, new title', body: `  ${goods[k].body.replace(/\n/g, '\r\n')} ` };
      if (i === 9) return { ...goods[k], body: uniqueBody('Same url, new body.'), url: `${goods[k].url}/?utm_campaign=x#frag` };
      return goods[k];
    });
    // Bad and duplicate lines spread out (each duplicate after its original), across and within import batches.

    const lines: string[] = goods.map((g) => JSON.stringify(g));
    const expected = new Map<number, { status: string; original?: number }>();
    const insertions = [
      ...bad.map((text, i) => ({ at: 37 + i * 491, text, status: 'invalid' as const, original: undefined as number | undefined })),
      ...duplicates.map((d, i) => ({ at: dupOf[i] + 50 + i * 7, text: JSON.stringify(d), status: 'duplicate' as const, original: dupOf[i] })),
    ].sort((a, b) => b.at - a.at);
    for (const ins of insertions) lines.splice(ins.at, 0, `\u0000${ins.status}\u0000${ins.original ?? ''}\u0000${ins.text}`);
    const payload = lines
      .map((l, i) => {
        if (!l.startsWith('\u0000')) return l;
        const [, status, original, text] = l.split('\u0000');
        expected.set(i + 1, { status, original: original ? Number(original) : undefined });
        return text;
      })
      .join('\n');
    expect(lines).toHaveLength(5000);

    const before = await countWrittenBy(t, editor.id);
    const res = await upload(`${payload}\n\n`).expect(200);
    expect(res.body.totals).toEqual({ created: 4980, duplicate: 10, invalid: 10, lines: 5000 });
    const results: LineResult[] = res.body.results;
    expect(results.map((r) => r.line)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));

    const notCreated = results.filter((r) => r.status !== 'created');
    expect(notCreated.map((r) => [r.line, r.status])).toEqual([...expected.entries()].sort((a, b) => a[0] - b[0]).map(([line, e]) => [line, e.status]));
    for (const r of notCreated.filter((x) => x.status === 'invalid')) expect(r.error).toEqual(expect.any(String));
    // Each duplicate names the article its original line created.
    const createdIds = results.filter((r) => r.status === 'created').map((r) => r.id!);
    for (const r of notCreated.filter((x) => x.status === 'duplicate')) expect(createdIds[expected.get(r.line)!.original!]).toBe(r.existingId);

    const after = await countWrittenBy(t, editor.id);
    expect(after.articles - before.articles).toBe(4980);
    const extractor = new ClaimExtractor();
    const expectedClaims = goods.reduce((sum, g) => sum + extractor.extract(g.body).filter((s) => s.isClaim).length, 0);
    expect(after.claims - before.claims).toBe(expectedClaims);
    const [{ mismatched }] = await t.db.query(
      `SELECT count(*)::int AS mismatched FROM claims c JOIN articles a ON a.id = c.article_id
        WHERE a.created_by = $1 AND substr(a.body, c.start + 1, c."end" - c.start) <> c.text`,
      [editor.id],
    );
    expect(mismatched).toBe(0);
  }, 400_000);

  it('should store the rest of a batch when the database refuses one line, keeping file order for duplicates', async () => {
    const [first, second] = [uniqueBody('First of batch.'), uniqueBody('Second of batch.')];
    const lines = [
      { title: 'One', body: first },
      // Valid to the DTO, but its full-text vector exceeds what a tsvector holds (1 MB): only the database refuses it.
      { title: 'Too many words', body: Array.from({ length: 166_000 }, (_, i) => String.fromCharCode(0x4e00 + (i % 20_000), 0x4e00 + Math.floor(i / 20_000))).join(' ') },
      { title: 'Two', body: second },
      { title: 'One again', body: first },
    ].map((l) => JSON.stringify(l));
    const before = await countWrittenBy(t, editor.id);
    const res = await upload(lines.join('\n')).expect(200);
    expect(res.body.totals).toEqual({ created: 2, duplicate: 1, invalid: 1, lines: 4 });
    const results: LineResult[] = res.body.results;
    expect(results.map((r) => [r.line, r.status])).toEqual([[1, 'created'], [2, 'invalid'], [3, 'created'], [4, 'duplicate']]);
    expect(results[1].error).toMatch(/Refused by the database/);
    expect(results[3].existingId).toBe(results[0].id);
    expect((await countWrittenBy(t, editor.id)).articles - before.articles).toBe(2);
    await t.http.get(`/articles/${results[2].id}`).set(bearer(editor.token)).expect(200);
  });

  it('should skip blank lines, accept CRLF and number lines as the file does', async () => {
    const a = JSON.stringify({ title: 'CRLF one', body: uniqueBody() });
    const b = JSON.stringify({ title: 'CRLF two', body: uniqueBody() });
    const res = await upload(`\r\n${a}\r\n\r\n{oops\r\n${b}`).expect(200);
    expect(res.body.totals).toEqual({ created: 2, duplicate: 0, invalid: 1, lines: 3 });
    expect(res.body.results.map((r: LineResult) => [r.line, r.status])).toEqual([[2, 'created'], [4, 'invalid'], [5, 'created']]);
  });

  it('should refuse reviewers (403) and JSON bodies (415)', async () => {
    const reviewer = await t.createUser(Role.Reviewer);
    await upload(JSON.stringify({ title: 'x', body: uniqueBody() }), reviewer.token).expect(403);
    await t.http.post('/articles/import').set(bearer(editor.token)).send({ title: 'x', body: 'y' }).expect(415);
  });
});
