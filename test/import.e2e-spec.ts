import http from 'node:http';
import { ClaimExtractor } from '../src/extraction/claim-extractor';
import { Role } from '../src/users/role';
import { countWrittenBy, ImportLineResult as LineResult, importStreamed, uniqueBody } from './support/articles';
import { syntheticArticles } from './support/synthetic-articles';
import { bearer, TestApp, TestUser, uniqueSuffix, withEnvironment } from './support/test-app';

/** An upload whose body the test writes piece by piece (supertest sends a body whole). */
function slowUpload(base: string, token: string) {
  const req = http.request(`${base}/articles/import`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/x-ndjson' },
  });
  const response = new Promise<string>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => (text += c))
        .on('end', () => resolve(text));
    });
    req.on('error', reject);
  });
  return { write: (s: string) => req.write(s), end: () => req.end(), response };
}

describe('NDJSON import (e2e)', () => {
  let t: TestApp;
  let editor: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.createUser(Role.Editor);
  });
  afterAll(() => t.close());

  const upload = (payload: string, token = editor.token, app = t) =>
    app.http.post('/articles/import').set(bearer(token)).set('content-type', 'application/x-ndjson').send(payload);
  const streamed = (payload: string) => importStreamed(t, editor.token, payload);

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
      if (i === 8)
        return { ...goods[k], title: 'Same body, new title', body: `  ${goods[k].body.replace(/\n/g, '\r\n')} ` };
      if (i === 9)
        return { ...goods[k], body: uniqueBody('Same url, new body.'), url: `${goods[k].url}/?utm_campaign=x#frag` };
      return goods[k];
    });
    // Bad and duplicate lines spread out (each duplicate after its original), across and within import batches.

    const lines: string[] = goods.map((g) => JSON.stringify(g));
    const expected = new Map<number, { status: string; original?: number }>();
    const insertions = [
      ...bad.map((text, i) => ({
        at: 37 + i * 491,
        text,
        status: 'invalid' as const,
        original: undefined as number | undefined,
      })),
      ...duplicates.map((d, i) => ({
        at: dupOf[i] + 50 + i * 7,
        text: JSON.stringify(d),
        status: 'duplicate' as const,
        original: dupOf[i],
      })),
    ].sort((a, b) => b.at - a.at);
    for (const ins of insertions)
      lines.splice(ins.at, 0, `\u0000${ins.status}\u0000${ins.original ?? ''}\u0000${ins.text}`);
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
    const { results, last } = await streamed(`${payload}\n\n`);
    expect(last).toEqual({ totals: { created: 4980, duplicate: 10, invalid: 10, lines: 5000 } });
    expect(results.map((r) => r.line)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));

    const notCreated = results.filter((r) => r.status !== 'created');
    expect(notCreated.map((r) => [r.line, r.status])).toEqual(
      [...expected.entries()].sort((a, b) => a[0] - b[0]).map(([line, e]) => [line, e.status]),
    );
    for (const r of notCreated.filter((x) => x.status === 'invalid')) expect(r.error).toEqual(expect.any(String));
    // Each duplicate names the article its original line created.
    const createdIds = results.filter((r) => r.status === 'created').map((r) => r.id!);
    for (const r of notCreated.filter((x) => x.status === 'duplicate'))
      expect(createdIds[expected.get(r.line)!.original!]).toBe(r.existingId);

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
      {
        title: 'Too many words',
        body: Array.from({ length: 166_000 }, (_, i) =>
          String.fromCharCode(0x4e00 + (i % 20_000), 0x4e00 + Math.floor(i / 20_000)),
        ).join(' '),
      },
      { title: 'Two', body: second },
      { title: 'One again', body: first },
    ].map((l) => JSON.stringify(l));
    const before = await countWrittenBy(t, editor.id);
    const { results, last } = await streamed(lines.join('\n'));
    expect(last.totals).toEqual({ created: 2, duplicate: 1, invalid: 1, lines: 4 });
    expect(results.map((r) => [r.line, r.status])).toEqual([
      [1, 'created'],
      [2, 'invalid'],
      [3, 'created'],
      [4, 'duplicate'],
    ]);
    // In our words, with the SQLSTATE: PostgreSQL's own message ("string is too long for tsvector …") stays inside.
    expect(results[1].error).toMatch(/^Refused by the database: a value is too large to store .*\[54000\]$/);
    expect(results[1].error).not.toMatch(/tsvector/);
    expect(results[3].existingId).toBe(results[0].id);
    expect((await countWrittenBy(t, editor.id)).articles - before.articles).toBe(2);
    await t.http.get(`/articles/${results[2].id}`).set(bearer(editor.token)).expect(200);
  });

  it('should skip blank lines, accept CRLF and number lines as the file does', async () => {
    const a = JSON.stringify({ title: 'CRLF one', body: uniqueBody() });
    const b = JSON.stringify({ title: 'CRLF two', body: uniqueBody() });
    const { results, last } = await streamed(`\r\n${a}\r\n\r\n{oops\r\n${b}`);
    expect(last.totals).toEqual({ created: 2, duplicate: 0, invalid: 1, lines: 3 });
    expect(results.map((r: LineResult) => [r.line, r.status])).toEqual([
      [2, 'created'],
      [4, 'invalid'],
      [5, 'created'],
    ]);
  });

  it('should answer a summary by default: totals and the first 100 problems in file order, the rest counted', async () => {
    const lines = Array.from({ length: 150 }, (_, i) =>
      i % 50 === 0 ? JSON.stringify({ title: `Good ${i}`, body: uniqueBody() }) : `not json ${i}`,
    );
    const res = await upload(lines.join('\n')).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.totals).toEqual({ created: 3, duplicate: 0, invalid: 147, lines: 150 });
    expect(res.body.problems).toHaveLength(100);
    expect(res.body.problems[0]).toMatchObject({
      line: 2,
      status: 'invalid',
      error: expect.stringMatching(/^Malformed JSON/),
    });
    expect(res.body.problems.map((p: LineResult) => p.line)).toEqual(
      lines
        .map((_, i) => i + 1)
        .filter((n) => (n - 1) % 50 !== 0)
        .slice(0, 100),
    );
    expect(res.body.problemsOmitted).toBe(47);
    expect(res.body).not.toHaveProperty('stopped');
  });

  it('should refuse lines PostgreSQL could not store as given: NUL, a lone surrogate, bytes that are not UTF-8', async () => {
    const body = uniqueBody();
    const payload = Buffer.concat([
      Buffer.from(`${JSON.stringify({ title: 'Nul', body: `${body}\u0000` })}\n`),
      Buffer.from(`${JSON.stringify({ title: 'Surrogate', body: `${body} \ud800` })}\n`),
      Buffer.from('{"title":"Latin-1","body":"caf'),
      Buffer.from([0xe9]),
      Buffer.from(` ${body}"}\n`),
      Buffer.from(JSON.stringify({ title: 'Fine', body })),
    ]);
    const res = await t.http
      .post('/articles/import')
      .set(bearer(editor.token))
      .set('content-type', 'application/x-ndjson')
      .send(payload)
      .expect(200);
    expect(res.body.totals).toEqual({ created: 1, duplicate: 0, invalid: 3, lines: 4 });
    expect(res.body.problems.map((p: LineResult) => p.error)).toEqual([
      'body must not contain NUL (U+0000) characters',
      'body must be well-formed Unicode (no lone surrogates)',
      'Line is not valid UTF-8',
    ]);
  });

  it('should refuse reviewers (403) and JSON bodies (415)', async () => {
    const reviewer = await t.createUser(Role.Reviewer);
    await upload(JSON.stringify({ title: 'x', body: uniqueBody() }), reviewer.token).expect(403);
    await t.http.post('/articles/import').set(bearer(editor.token)).send({ title: 'x', body: 'y' }).expect(415);
  });

  // Last: passport keeps one strategy per name for the whole process, so once this second app has closed, logins
  // through the first would reach the closed one.
  describe('bounds', () => {
    let small: TestApp;
    beforeAll(async () => {
      small = await withEnvironment(
        { IMPORT_MAX_LINES: '3', IMPORT_MAX_LINE_BYTES: '2048', IMPORT_CONCURRENCY: '1' },
        () => TestApp.start(),
      );
    });
    afterAll(() => small?.close());

    it('should stop after IMPORT_MAX_LINES non-blank lines, store those and say where it stopped', async () => {
      const lines = Array.from({ length: 6 }, (_, i) => JSON.stringify({ title: `Capped ${i}`, body: uniqueBody() }));
      const res = await upload(['', ...lines].join('\n'), editor.token, small).expect(200);
      expect(res.body.totals).toEqual({ created: 3, duplicate: 0, invalid: 0, lines: 3 });
      expect(res.body.stopped).toEqual({
        line: 5,
        code: 'ARTICLE_IMPORT_TOO_MANY_LINES',
        message: expect.stringContaining('from line 5'),
      });
    });

    it('should report a line over IMPORT_MAX_LINE_BYTES without holding it, and go on with the next', async () => {
      const long = JSON.stringify({ title: 'Long', body: 'z'.repeat(5000) });
      const res = await upload(
        `${long}\n${JSON.stringify({ title: 'Short', body: uniqueBody() })}`,
        editor.token,
        small,
      ).expect(200);
      expect(res.body.totals).toEqual({ created: 1, duplicate: 0, invalid: 1, lines: 2 });
      expect(res.body.problems[0]).toEqual({
        line: 1,
        status: 'invalid',
        error: `Line too long (${long.length} bytes; at most 2048)`,
      });
    });

    it('should answer 503 with Retry-After while IMPORT_CONCURRENCY imports run, and accept again after', async () => {
      const first = slowUpload(small.url, editor.token);
      first.write(`${JSON.stringify({ title: 'Slow upload', body: uniqueBody() })}\n`);
      await new Promise((r) => setTimeout(r, 300));
      const busy = await upload(JSON.stringify({ title: 'Second', body: uniqueBody() }), editor.token, small).expect(
        503,
      );
      expect(busy.headers['retry-after']).toMatch(/^\d+$/);
      expect(busy.body).toMatchObject({ statusCode: 503, code: 'ARTICLE_IMPORT_BUSY' });
      first.end();
      expect(JSON.parse(await first.response).totals).toMatchObject({ created: 1 });
      await upload(JSON.stringify({ title: 'Third', body: uniqueBody() }), editor.token, small).expect(200);
    });
  });
});
