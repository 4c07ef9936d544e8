// page.evaluate callbacks run in the browser
/// <reference lib="dom" />
/**
 * bench/workbench: how fast the next claim is on screen after "Submit verdict", in Debian's Chromium against the
 * built service and a fresh database. Each measured cycle: the reviewer has chosen a label, the timer starts at the
 * click on "Submit verdict" and stops at the first frame after the new claim's text is in the page. The baseline,
 * in the same run and the same page: the two requests that cycle needs (the verdict, then the next pull), made with
 * fetch() and no rendering. Also prints the JavaScript the first page load needs, gzipped (budget 250 KB).
 *
 *   npm run bench:workbench                 # 60 measured cycles after 5 warm-up ones
 *   BENCH_CYCLES=200 npm run bench:workbench
 */
import { chromium, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createTestDatabase } from '../test/setup/test-database';
import { ADMIN, createQueue, createUser, seedArticle, sentences } from '../test/browser/support/api';
import { CHROMIUM } from '../test/browser/support/chromium';
import { startServer } from './lib/server-process';
import { formatTable, percentile } from './lib/stats';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 60);
const WARMUP = 5;
const PER_ARTICLE = 10;
const WEB_DIST = resolve(__dirname, '../../web/dist');

/** The entry script and the modules index.html preloads: what the browser fetches before the first screen's chunk. */
function initialJs(): { files: string[]; gzipped: number; raw: number } {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/app\/([^"]+\.js)"/g),
  ].map((m) => m[1]);
  const bodies = files.map((f) => readFileSync(join(WEB_DIST, f)));
  return {
    files,
    raw: bodies.reduce((n, b) => n + b.length, 0),
    gzipped: bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
  };
}

/** Chooses Verified by its shortcut, then clicks "Submit verdict"; ms until the next claim is painted. */
async function submitCycle(page: Page): Promise<number> {
  await page.keyboard.press('1');
  await page.getByRole('button', { name: 'Verified' }).and(page.locator('[aria-pressed="true"]')).waitFor();
  return page.evaluate(async () => {
    const claim = () => document.querySelector('[aria-labelledby="claim-title"] blockquote, #empty-title')?.textContent;
    const before = claim();
    const submit = Array.from(document.querySelectorAll('button')).find((b) =>
      b.textContent?.startsWith('Submit verdict'),
    )!;
    const start = performance.now();
    submit.click();
    await new Promise<void>((done) => {
      const observer = new MutationObserver(() => {
        if (claim() && claim() !== before) {
          observer.disconnect();
          done();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
    return performance.now() - start;
  });
}

/** The same two requests without the page: POST verdict on the current lease, POST next. */
async function apiCycle(page: Page, slug: string): Promise<number> {
  return page.evaluate(async (queue) => {
    const post = (path: string, body?: unknown) =>
      fetch(path, {
        method: 'POST',
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
        credentials: 'same-origin',
      });
    const lease = (await (await post(`/queues/${queue}/next`)).json()) as { id: string };
    const start = performance.now();
    const verdict = await post(`/assignments/${lease.id}/verdict`, { label: 'verified', sources: [], confidence: 3 });
    if (verdict.status !== 201) throw new Error(`verdict: ${verdict.status}`);
    await (await post(`/queues/${queue}/next`)).text();
    return performance.now() - start;
  }, slug);
}

function summary(name: string, samples: number[]): (string | number)[] {
  const sorted = [...samples].sort((a, b) => a - b);
  return [
    name,
    sorted.length,
    percentile(sorted, 50).toFixed(1),
    percentile(sorted, 95).toFixed(1),
    sorted[sorted.length - 1].toFixed(1),
  ];
}

async function main(): Promise<void> {
  const database = await createTestDatabase((line) => console.log(`[bench-db] ${line}`), 'factcheck_bench');
  const port = String(4100 + (process.pid % 500));
  const server = await startServer({
    DATABASE_URL: database.url,
    MIGRATIONS_RUN: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    PORT: port,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  });
  process.env.WORKBENCH_URL = server.url;
  const browser = await chromium.launch(CHROMIUM);
  try {
    const slug = await createQueue({ verdictsRequired: 1 });
    const total = WARMUP + CYCLES * 2 + 2;
    for (let seeded = 0; seeded < total; seeded += PER_ARTICLE) await seedArticle(slug, sentences(PER_ARTICLE));
    const reviewer = await createUser('reviewer');

    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    await page.goto(`${server.url}/app/sign-in`);
    await page.getByLabel('Email').fill(reviewer.email);
    await page.getByLabel('Password').fill(reviewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your queues' }).waitFor();
    await page.goto(`${server.url}/app/review/${slug}`);
    await page.locator('[aria-labelledby="claim-title"] blockquote').waitFor();

    for (let i = 0; i < WARMUP; i++) await submitCycle(page);
    const ui: number[] = [];
    for (let i = 0; i < CYCLES; i++) ui.push(await submitCycle(page));
    const api: number[] = [];
    for (let i = 0; i < CYCLES; i++) api.push(await apiCycle(page, slug));

    const uiRow = summary('UI: Submit verdict → next claim painted', ui);
    const apiRow = summary('baseline: POST verdict + POST next (fetch)', api);
    console.log(`\nbench/workbench: ${CYCLES} cycles each (after ${WARMUP} warm-up), Chromium ${browser.version()}\n`);
    console.log(formatTable(['path', 'n', 'p50 ms', 'p95 ms', 'max ms'], [uiRow, apiRow]));
    const p95 = (s: number[]) =>
      percentile(
        [...s].sort((a, b) => a - b),
        95,
      );
    console.log(
      `\nUI/baseline at p95: ${(p95(ui) / p95(api)).toFixed(2)}×  (budget: next claim within 150 ms p95; measured ${p95(ui).toFixed(1)} ms)`,
    );
    const js = initialJs();
    console.log(
      `initial JS (entry + modulepreload, ${js.files.length} files): ${(js.gzipped / 1024).toFixed(1)} KB gzipped, ${(js.raw / 1024).toFixed(1)} KB raw (budget 250 KB gzipped)`,
    );
  } finally {
    await browser.close();
    await server.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
