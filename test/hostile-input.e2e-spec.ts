import { Role } from '../src/users/role';
import { uniqueBody } from './support/articles';
import { bearer, TestApp, TestUser } from './support/test-app';

/** Input built to hurt: each gets a quick 4xx in the one error shape, never a 500 nor PostgreSQL's own words. */
describe('hostile input (e2e)', () => {
  let t: TestApp;
  let editor: TestUser;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await t.createUser(Role.Editor);
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const json = (method: 'post' | 'patch', path: string, raw: string, token = editor.token) =>
    t.http[method](path).set(bearer(token)).set('content-type', 'application/json').send(raw);

  describe('JSON bodies', () => {
    it('should refuse 1 MB of nested arrays with a 400 before parsing, not a 500', async () => {
      const res = await json('post', '/articles', `${'['.repeat(500_000)}${']'.repeat(500_000)}`).expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'BODY_TOO_COMPLEX',
        message: expect.stringMatching(/nested deeper than 32/),
      });
    });

    it('should refuse a body with too many keys, and list at most 10 unknown ones otherwise', async () => {
      const many = JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, i])));
      expect((await json('post', '/articles', many).expect(400)).body.code).toBe('BODY_TOO_COMPLEX');
      const some = {
        title: 'x',
        body: uniqueBody(),
        ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
      };
      const res = await json('post', '/articles', JSON.stringify(some)).expect(400);
      expect(res.body.details).toHaveLength(10);
      expect(res.body.message).toMatch(/and 490 more$/);
      expect(JSON.stringify(res.body).length).toBeLessThan(4000);
    });

    it('should keep login bodies under 4 KB (413 before reading), and bytes that are not UTF-8 out (400)', async () => {
      const big = JSON.stringify({ email: 'a@b.example', password: 'x'.repeat(5000) });
      expect(
        (await t.http.post('/auth/login').set('content-type', 'application/json').send(big).expect(413)).body
          .statusCode,
      ).toBe(413);
      const latin1 = Buffer.concat([
        Buffer.from('{"title":"caf'),
        Buffer.from([0xe9]),
        Buffer.from(`","body":"${uniqueBody()}"}`),
      ]);
      const res = await fetch(`${t.url}/articles`, {
        method: 'POST',
        headers: { ...bearer(editor.token), 'content-type': 'application/json' },
        body: latin1,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('BODY_NOT_UTF8');
    });

    it('should refuse a form body with many keys as quickly as a JSON one', async () => {
      const form = Array.from({ length: 60_000 }, (_, i) => `k${i}=1`).join('&');
      const res = await t.http
        .post('/articles')
        .set(bearer(editor.token))
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(form)
        .expect(400);
      expect(res.body).toMatchObject({ code: 'BODY_TOO_COMPLEX' });
      expect(JSON.stringify(res.body).length).toBeLessThan(1000);
    });

    it('should refuse __proto__ keys', async () => {
      await json('post', '/articles', `{"title":"x","body":"${uniqueBody()}","__proto__":{"admin":true}}`).expect(400);
    });
  });

  describe('strings PostgreSQL cannot store as given', () => {
    it('should refuse NUL and lone surrogates in bodies, naming the field', async () => {
      const nul = await json('post', '/articles', JSON.stringify({ title: 'x', body: uniqueBody('\u0000') })).expect(
        400,
      );
      expect(nul.body.details).toEqual([{ field: 'body', errors: ['body must not contain NUL (U+0000) characters'] }]);
      // A lone surrogate would be stored as U+FFFD while the 201 echoed the original.
      const lone = await json('post', '/articles', JSON.stringify({ title: 'x', body: uniqueBody('\ud800') })).expect(
        400,
      );
      expect(lone.body.details).toEqual([
        { field: 'body', errors: ['body must be well-formed Unicode (no lone surrogates)'] },
      ]);
      const login = await t.http
        .post('/auth/login')
        .send({ email: 'a\ud800@b.example', password: 'whatever-long' })
        .expect(400);
      expect(login.body.details[0].field).toBe('email');
      const user = await t.createUser(Role.Reviewer);
      const name = await json('patch', `/users/${user.id}`, JSON.stringify({ displayName: 'Ann\u0000' }), admin).expect(
        400,
      );
      expect(name.body.details[0].field).toBe('displayName');
    });

    it('should refuse them in query parameters and path slugs', async () => {
      const q = await t.http.get('/articles?source=a%00b').set(bearer(editor.token)).expect(400);
      expect(q.body.details[0].field).toBe('source');
      const slug = await t.http.post('/queues/de%00fault/next').set(bearer(editor.token)).expect(400);
      expect(slug.body.details[0].field).toBe('slug');
    });
  });

  describe('dates, numbers and null', () => {
    it.each([
      '2024-W01',
      '2024-366',
      '-004714-01-01T00:00:00Z',
      '2024-02-30',
      '2023-02-29',
      '0000-01-01',
      '2024-06-03T24:00:00Z',
      '+0020240-01-01',
    ])('should refuse the date %s', async (date) => {
      const res = await t.http.get('/articles').query({ from: date }).set(bearer(editor.token)).expect(400);
      expect(res.body.details[0].field).toBe('from');
    });

    it('should accept calendar dates and date-times', async () => {
      for (const date of ['2024-02-29', '2024-06-03T09:00Z', '2024-06-03T09:00:00.123456+05:30', '0001-01-01']) {
        await t.http.get('/articles').query({ from: date }).set(bearer(editor.token)).expect(200);
      }
    });

    it('should refuse offsets past the column range and null for fields that are not nullable', async () => {
      expect(
        (await t.http.get('/articles?offset=100000000000000000000').set(bearer(editor.token)).expect(400)).body
          .details[0].field,
      ).toBe('offset');
      const user = await t.createUser(Role.Reviewer);
      const res = await json('patch', `/users/${user.id}`, JSON.stringify({ displayName: null }), admin).expect(400);
      expect(res.body.details[0].field).toBe('displayName');
    });
  });
});
