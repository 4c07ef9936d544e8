import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TestApp } from './support/test-app';

// The browser's API types are generated from the service's own OpenAPI document and checked in. This suite is the
// one place that turns the document into web/src/api/schema.d.ts: `npm run api:generate` runs it with
// UPDATE_API_SCHEMA=1 to write the file; every other run fails while the checked-in file is stale.
const SCHEMA_FILE = resolve(__dirname, '../web/src/api/schema.d.ts');
const GENERATOR = resolve(__dirname, '../node_modules/.bin/openapi-typescript');

describe('web API client types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('should match the OpenAPI document the service serves', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body;
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
    execFileSync(GENERATOR, [join(dir, 'openapi.json'), '-o', join(dir, 'schema.d.ts')], { stdio: 'pipe' });
    const generated = readFileSync(join(dir, 'schema.d.ts'), 'utf8');
    if (process.env.UPDATE_API_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });
});
