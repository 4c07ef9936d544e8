import { readGold } from './support/gold-fixture';
import { Role } from '../src/users/role';
import {
  ClaimBody,
  countWrittenBy,
  expectExactSpans,
  forceStatus,
  postArticle,
  SEED_BODY,
  FIXTURES_DIR,
  uniqueBody,
} from './support/articles';
import { createQueue, pull, reviewers, submit } from './support/review';
import { bearer, TestApp, TestUser, uniqueSuffix } from './support/test-app';

describe('articles (e2e)', () => {
  let t: TestApp;
  let editor: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.createUser(Role.Editor);
    admin = await t.createUser(Role.Admin);
  });
  afterAll(() => t.close());

  describe('the seed article', () => {
    // A unique tail keeps the body hash unique when other suites post the seed article too.
    const body = `${SEED_BODY}\n\nFile ${uniqueSuffix()}`;
    let claims: ClaimBody[];
    let id: string;

    beforeAll(async () => {
      const res = await postArticle(t, editor.token, { body }).expect(201);
      ({ id, claims } = res.body);
    });

    it('should store the body verbatim and claims whose spans are exact, also when read back', async () => {
      expect(claims.length).toBeGreaterThan(10);
      expectExactSpans(body, claims);
      const read = await t.http.get(`/articles/${id}`).set(bearer(editor.token)).expect(200);
      expect(read.body.body).toBe(body);
      expect(read.body.claims.map((c: ClaimBody) => c.id).sort()).toEqual(claims.map((c) => c.id).sort());
      expectExactSpans(body, read.body.claims);
    });

    it('should attribute the 550-children claim to Olena Zelenska and the Dnipro damage to the mayor', () => {
      const children = claims.find((c) => c.text.includes('550 children have been killed'));
      expect(children?.speaker).toBe('Olena Zelenska');
      const damage = claims.filter((c) =>
        /houses .*(damaged|were among)|damaged.*houses|buildings damaged/.test(c.text),
      );
      expect(damage.length).toBeGreaterThanOrEqual(2);
      for (const c of damage) expect(c.speaker).toContain('Filatov');
    });

    it('should make none of the mustnot fragments a claim and keep every must', () => {
      const gold = readGold(`${FIXTURES_DIR}/article-ukraine-live.gold.tsv`);
      for (const g of gold.filter((x) => x.kind === 'mustnot'))
        expect({ fragment: g.fragment, claim: claims.some((c) => g.fragment.includes(c.text)) }).toEqual({
          fragment: g.fragment,
          claim: false,
        });
      for (const g of gold.filter((x) => x.kind === 'must'))
        expect({ fragment: g.fragment, claim: claims.some((c) => c.text.includes(g.fragment)) }).toEqual({
          fragment: g.fragment,
          claim: true,
        });
    });
  });

  describe('duplicates', () => {
    it('should store an article in another language with no extracted claims and say why', async () => {
      const res = await postArticle(t, editor.token, {
        body: uniqueBody('Die Stadt meldete am Montag 12 Verletzte.'),
        language: 'de',
      }).expect(201);
      expect(res.body).toMatchObject({ language: 'de', extraction: 'unsupported language', claims: [] });
      const read = await t.http.get(`/articles/${res.body.id}`).set(bearer(editor.token)).expect(200);
      expect(read.body).toMatchObject({ extraction: 'unsupported language', claims: [] });
      const english = await postArticle(t, editor.token, {
        body: uniqueBody('Officials said the strike killed 12 people in Kharkiv on Monday.'),
        language: 'en-GB',
      }).expect(201);
      expect(english.body.extraction).toBe('extracted');
      expect(english.body.claims.length).toBeGreaterThan(0);
    });

    it('should refuse the same normalized url with 409 and the existing id, writing nothing', async () => {
      const created = await postArticle(t, editor.token, {
        url: `https://News.Example.com/story-${uniqueSuffix()}/?utm_source=tw#top`,
      }).expect(201);
      expect(created.body.url).toMatch(/^https:\/\/news\.example\.com\/story-[^/?#]+$/);
      const before = await countWrittenBy(t, editor.id);
      const res = await postArticle(t, editor.token, {
        url: `HTTPS://news.example.com${new URL(created.body.url).pathname}#other`,
      }).expect(409);
      expect(res.body).toMatchObject({ code: 'ARTICLE_DUPLICATE', details: { existingId: created.body.id } });
      expect(await countWrittenBy(t, editor.id)).toEqual(before);
    });

    it('should refuse a body that differs only in whitespace and line endings', async () => {
      const body = uniqueBody('Officials said 12 people were injured on Monday.');
      const created = await postArticle(t, editor.token, { body }).expect(201);
      const res = await postArticle(t, editor.token, { body: `  ${body.replace(/ /g, '  ')}\r\n` }).expect(409);
      expect(res.body.details.existingId).toBe(created.body.id);
    });

    it('should let exactly one of two identical concurrent posts win', async () => {
      const payload = {
        title: 'Race',
        body: uniqueBody('The ministry said 40 schools reopened on Friday.'),
        url: `https://race.example.com/${uniqueSuffix()}`,
      };
      const results = await Promise.all([1, 2, 3].map(() => postArticle(t, editor.token, payload)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409]);
      const winner = results.find((r) => r.status === 201)!.body.id;
      for (const r of results.filter((x) => x.status === 409))
        expect(r.body).toMatchObject({ code: 'ARTICLE_DUPLICATE', details: { existingId: winner } });
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM articles WHERE url = $1`, [payload.url]);
      expect(n).toBe(1);
    });
  });

  describe('listing', () => {
    const source = `Outlet ${uniqueSuffix()}`;
    const ids: string[] = [];

    beforeAll(async () => {
      const dates = ['2024-01-10T08:00:00Z', '2024-03-05T08:00:00Z', '2024-02-01T08:00:00Z', undefined];
      for (const [k, publishedAt] of dates.entries()) {
        const word = k === 1 ? 'zebracrossing' : 'ordinary';
        const res = await postArticle(t, editor.token, { source, publishedAt, title: `Listing ${k} ${word}` }).expect(
          201,
        );
        ids.push(res.body.id);
      }
    });

    const list = (query: Record<string, unknown>) =>
      t.http
        .get('/articles')
        .query({ source, ...query })
        .set(bearer(editor.token))
        .expect(200);

    it('should list newest first without bodies, with claim counts, nulls last', async () => {
      const res = await list({});
      expect(res.body.total).toBe(4);
      expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([ids[1], ids[2], ids[0], ids[3]]);
      expect(res.body.items[0]).not.toHaveProperty('body');
      expect(res.body.items[0]).toEqual(
        expect.objectContaining({ title: 'Listing 1 zebracrossing', source, claimCount: expect.any(Number) }),
      );
    });

    it('should page', async () => {
      const res = await list({ limit: 2, offset: 1 });
      expect(res.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[0]]);
    });

    it('should filter by publishedAt range', async () => {
      const res = await list({ from: '2024-01-15', to: '2024-03-01' });
      expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([ids[2]]);
    });

    it('should search title and body with web search syntax', async () => {
      expect((await list({ q: 'zebracrossing' })).body.items.map((a: { id: string }) => a.id)).toEqual([ids[1]]);
      expect((await list({ q: 'ordinary -zebracrossing' })).body.total).toBe(3);
      expect((await list({ q: '"bridges in district"' })).body.total).toBe(4);
      expect((await list({ q: "'); DROP TABLE articles; --" })).body.total).toBe(0);
    });

    it('should reject bad query values with 400', async () => {
      await t.http.get('/articles').query({ from: 'yesterday' }).set(bearer(editor.token)).expect(400);
      await t.http.get('/articles').query({ limit: 1000 }).set(bearer(editor.token)).expect(400);
    });
  });

  describe('deleting', () => {
    it('should delete an article with its claims while no claim is in review', async () => {
      const res = await postArticle(t, editor.token).expect(201);
      expect(res.body.claims.length).toBeGreaterThan(0);
      await forceStatus(t, res.body.claims[0].id, 'rejected');
      await t.http.delete(`/articles/${res.body.id}`).set(bearer(admin.token)).expect(204);
      await t.http.get(`/articles/${res.body.id}`).set(bearer(admin.token)).expect(404);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM claims WHERE article_id = $1`, [res.body.id]);
      expect(n).toBe(0);
    });

    it('should refuse with 409 once a claim has a verdict, and keep everything', async () => {
      const source = `Delete ${uniqueSuffix()}`;
      const slug = await createQueue(t, admin.token, {
        routable: true,
        routingOrder: -1000,
        sources: [source],
        verdictsRequired: 2,
      });
      const res = await postArticle(t, editor.token, { source }).expect(201);
      const [reviewer] = await reviewers(t, 1);
      const lease = (await pull(t, reviewer.token, slug).expect(200)).body;
      await submit(t, reviewer.token, lease.id).expect(201);
      const refused = await t.http.delete(`/articles/${res.body.id}`).set(bearer(admin.token)).expect(409);
      expect(refused.body).toMatchObject({ code: 'ARTICLE_HAS_VERDICTS', details: { verdicts: 1 } });
      await t.http.get(`/articles/${res.body.id}`).set(bearer(admin.token)).expect(200);
    });

    it('should still delete while claims are only leased, not judged', async () => {
      const source = `Delete ${uniqueSuffix()}`;
      const slug = await createQueue(t, admin.token, { routable: true, routingOrder: -1000, sources: [source] });
      const res = await postArticle(t, editor.token, { source }).expect(201);
      const [reviewer] = await reviewers(t, 1);
      await pull(t, reviewer.token, slug).expect(200);
      await t.http.delete(`/articles/${res.body.id}`).set(bearer(admin.token)).expect(204);
    });

    it('should answer 404 for an unknown article', async () => {
      await t.http.delete('/articles/00000000-0000-4000-8000-000000000000').set(bearer(admin.token)).expect(404);
    });
  });

  describe('bad input', () => {
    it.each([
      ['a missing title', { body: 'Officials said 3 people died.' }],
      ['an empty body', { title: 'x', body: '   ' }],
      ['a non-http url', { title: 'x', body: 'Officials said 3 people died.', url: 'ftp://files.example.com/a' }],
      ['a wrong type', { title: 42, body: 'Officials said 3 people died.' }],
      ['an unknown field', { title: 'x', body: 'Officials said 3 people died.', priority: 'high' }],
      ['a bad date', { title: 'x', body: 'Officials said 3 people died.', publishedAt: '31/12/2024' }],
      ['a too long title', { title: 'x'.repeat(501), body: 'Officials said 3 people died.' }],
      ['a too long body', { title: 'x', body: 'y'.repeat(500_001) }],
      ['a NUL character', { title: 'x', body: 'Officials said\u0000 3 people died.' }],
    ])('should answer %s with 400 and write nothing', async (_name, payload) => {
      const before = await countWrittenBy(t, editor.id);
      const res = await t.http.post('/articles').set(bearer(editor.token)).send(payload);
      expect(res.status).toBe(400);
      expect(await countWrittenBy(t, editor.id)).toEqual(before);
    });

    it('should store Unicode, quotes and SQL-looking text verbatim with exact spans', async () => {
      const title = `O'Brien “quotes” 👩🏽‍💻 ${uniqueSuffix()}`;
      const body = `Robert'); DROP TABLE articles;-- said 👩🏽‍💻 “12 people” were killed in Kharkiv on Monday. Ж officials said 7 houses were damaged in Lviv, Ukraine, on 3 June 2024. ${uniqueSuffix()}`;
      const res = await postArticle(t, editor.token, { title, body }).expect(201);
      const read = await t.http.get(`/articles/${res.body.id}`).set(bearer(editor.token)).expect(200);
      expect(read.body).toMatchObject({ title, body });
      expect(read.body.claims.length).toBeGreaterThan(0);
      expectExactSpans(body, read.body.claims);
    });

    it('should answer 400 for a malformed id and 404 for an unknown one', async () => {
      await t.http.get("/articles/1' OR '1'='1").set(bearer(editor.token)).expect(400);
      await t.http.get('/articles/00000000-0000-4000-8000-000000000000').set(bearer(editor.token)).expect(404);
    });
  });

  it('should extract without writing anything', async () => {
    const before = await countWrittenBy(t, editor.id);
    const text = 'Officials said the strike killed 12 people in Kharkiv on Monday. Help us!';
    const res = await t.http.post('/extract').set(bearer(editor.token)).send({ text }).expect(200);
    expect(res.body).toHaveLength(2);
    expect(res.body[0]).toEqual(
      expect.objectContaining({
        start: 0,
        isClaim: true,
        isHeadline: false,
        features: expect.any(Object),
        score: expect.any(Number),
      }),
    );
    for (const s of res.body) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(await countWrittenBy(t, editor.id)).toEqual(before);
  });
});
