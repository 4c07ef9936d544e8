import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from './support/test-app';

/** Starts the app with WEB_DIST_DIR pointing at `dir` (restored afterwards: other suites use the default). */
async function startServing(dir: string): Promise<TestApp> {
  const before = process.env.WEB_DIST_DIR;
  process.env.WEB_DIST_DIR = dir;
  try {
    return await TestApp.start();
  } finally {
    if (before === undefined) delete process.env.WEB_DIST_DIR;
    else process.env.WEB_DIST_DIR = before;
  }
}

describe('web app serving (e2e)', () => {
  describe('with a build', () => {
    let t: TestApp;
    let dist: string;
    const INDEX =
      '<!doctype html><html><head><link rel="icon" href="data:,"><script type="module" src="/app/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

    beforeAll(async () => {
      dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
      mkdirSync(join(dist, 'assets'));
      writeFileSync(join(dist, 'index.html'), INDEX);
      writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
      writeFileSync(join(dist, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
      t = await startServing(dist);
    });
    afterAll(async () => {
      await t.close();
      rmSync(dist, { recursive: true, force: true });
    });

    it('should redirect / and /app to /app/', async () => {
      expect((await t.http.get('/').expect(302)).headers.location).toBe('/app/');
      expect((await t.http.get('/app').expect(301)).headers.location).toBe('/app/');
    });

    it('should serve index.html at /app/ and for every client route, never cached stale', async () => {
      for (const path of [
        '/app/',
        '/app/queues',
        '/app/review/default',
        '/app/claims/0f6b7c1e-6a43-4f43-9d0e-2f1f3f9d8c11/history',
      ]) {
        const res = await t.http.get(path).expect(200);
        expect({ path, type: res.headers['content-type'], body: res.text }).toEqual({
          path,
          type: expect.stringMatching(/^text\/html/),
          body: INDEX,
        });
        expect(res.headers['cache-control']).toBe('no-cache');
      }
    });

    it('should serve built files, hashed assets as immutable', async () => {
      const js = await t.http.get('/app/assets/index-abc123.js').expect(200);
      expect(js.headers['content-type']).toMatch(/javascript/);
      expect(js.headers['cache-control']).toMatch(/immutable/);
      const txt = await t.http.get('/app/robots.txt').expect(200);
      expect(txt.text).toContain('Disallow');
      expect(txt.headers['cache-control']).toBe('no-cache');
    });

    it('should answer a missing file with an extension 404 in the usual error shape, not with index.html', async () => {
      for (const path of ['/app/assets/missing-123.js', '/app/favicon.ico', '/app/queues/styles.css']) {
        const res = await t.http.get(path).expect(404);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', requestId: expect.any(String) });
      }
    });

    it('should never serve a file outside the build', async () => {
      for (const path of [
        '/app/../package.json',
        '/app/%2e%2e/package.json',
        '/app/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      ]) {
        const res = await t.http.get(path);
        expect({ path, status: res.status, leaked: res.text.includes('"dependencies"') }).toEqual({
          path,
          status: expect.any(Number),
          leaked: false,
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
      }
    });

    it('should send the strict content security policy on /app and no other', async () => {
      const csp = (await t.http.get('/app/review/default').expect(200)).headers['content-security-policy'];
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d: string) => d.trim().split(/\s+/))
          .map(([k, ...v]: string[]) => [k, v.join(' ')]),
      );
      expect(directives).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self'",
        'object-src': "'none'",
        'frame-ancestors': "'none'",
      });
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect((await t.http.get('/app/assets/index-abc123.js')).headers['content-security-policy']).toBe(csp);
      expect((await t.http.get('/health')).headers['content-security-policy']).toBeUndefined();
      expect((await t.http.get('/docs')).headers['content-security-policy']).toMatch(/unsafe-inline/);
    });
  });

  describe('without a build', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startServing(join(tmpdir(), `no-such-web-dist-${process.pid}`));
    });
    afterAll(() => t.close());

    it('should say plainly that the web app is not built (503), and keep serving the API', async () => {
      for (const path of ['/app/', '/app/queues', '/app/assets/index.js']) {
        const res = await t.http.get(path).expect(503);
        expect(res.body).toMatchObject({
          statusCode: 503,
          code: 'WEB_APP_NOT_BUILT',
          message: expect.stringContaining('npm run build'),
        });
      }
      await t.http.get('/health').expect(200);
    });
  });
});
