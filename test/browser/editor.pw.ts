// page.evaluate callbacks run in the browser
/// <reference lib="dom" />
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, createQueue, createUser, seedArticle, sentences, unique } from './support/api';
import { checkScreen, openWorkbench, signIn, tabTo } from './support/workbench';

const SEED = readFileSync(join(__dirname, '../fixtures/article-ukraine-live.txt'), 'utf8');

type Claim = { id: string; text: string; start: number; end: number; status: string };

/** Selects `phrase` in the article body the way a mouse drag does (a DOM range), then releases the button. */
async function selectInBody(page: Page, phrase: string): Promise<void> {
  const body = page.getByRole('region', { name: 'Article body' });
  await body.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not one piece of the rendered body`);
  }, phrase);
  await body.dispatchEvent('mouseup');
}

test('an editor pastes the seed article, sees the live preview, saves it and curates its claims', async ({ page }) => {
  test.setTimeout(180_000); // one long story: ingest, five curation steps, a duplicate and the archive search
  // A newsroom's name for the screenshots; a retry in the same database needs a fresh one.
  const slug = await createQueue({ description: 'Security desk', ...(test.info().retry ? {} : { slug: 'security' }) });
  const reviewerName = `Rita Reviewer ${unique('r').slice(-5)}`;
  const reviewer = await createUser('reviewer', reviewerName);
  const editorName = 'Mara Lind';
  const editor = await createUser('editor', editorName);
  // The seed article once per test run and retry: a marker line keeps the body unique (and finds it in the archive).
  const marker = unique('desk');
  const body = `${SEED.trimEnd()}\n\nFiled ${marker}.`;
  const title = 'Kremlin warns of fatal consequences over Himars strikes';
  await signIn(page, editor);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add articles' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Body').fill(body);
  await page.getByLabel('Source').fill('The Daily Example');
  await page.getByLabel('Author').fill('Ana Dumbadze');
  await page.getByLabel('Published').fill('2024-06-03T09:00');
  const preview = page.getByRole('region', { name: 'Extraction preview' });
  await expect(preview.getByRole('status')).toHaveText(/^\d+ of \d+ sentences would become claims$/);
  await expect(preview.getByRole('listitem').first()).toContainText(
    'Ukrainian troops used US-supplied Himars missiles',
  );
  const expected = (await call<{ isClaim: boolean }[]>('POST', '/extract', editor.token, { text: body })).filter(
    (s) => s.isClaim,
  ).length;
  await expect(preview.getByRole('listitem')).toHaveCount(expected);
  await checkScreen(page, 'editor-ingest');

  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const articleUrl = page.url();
  const articleId = articleUrl.split('/articles/')[1].split('?')[0];
  const claims = () => call<Claim[]>('GET', `/articles/${articleId}/claims`, editor.token);
  const stored = await claims();
  expect(stored).toHaveLength(expected);
  const bodyRegion = page.getByRole('region', { name: 'Article body' });
  await expect(bodyRegion.locator('.claim-badge')).toHaveCount(expected);
  await expect(page.getByRole('region', { name: 'Article body' }).locator('mark').first()).toBeVisible();

  // Hovering or focusing a badge shows the claim's score.
  const firstBadge = bodyRegion.getByRole('button').first();
  await tabTo(page, firstBadge, 80);
  await expect(page.getByRole('tooltip').first()).toBeVisible();
  await expect(page.getByRole('tooltip').first()).toContainText(/^score \d\.\d\d/);
  await checkScreen(page, 'editor-article');

  // Add a claim by selecting text: its exact span is sent.
  const phrase = 'We cannot measure the value of their lives by the cost of air defense systems.';
  await selectInBody(page, phrase);
  const start = body.indexOf(phrase);
  await expect(page.getByText(`Selected (characters ${start}–${start + phrase.length}): “${phrase}”`)).toBeVisible();
  await checkScreen(page, 'editor-article-selection');
  await page.getByRole('button', { name: 'Add selection as claim' }).click();
  await expect(page.getByRole('region', { name: 'Selected claim' }).getByText(`“${phrase}”`)).toBeVisible();
  const added = (await claims()).find((c) => c.text === phrase)!;
  expect({ start: added.start, end: added.end }).toEqual({ start, end: start + phrase.length });
  await expect(bodyRegion.locator('.claim-badge')).toHaveCount(expected + 1);

  // Without a mouse: quote the passage. A passage found more than once is refused, and the page says so.
  await page.getByLabel('Passage (exact text, found once in the article)').fill('Russia');
  await page.getByRole('button', { name: 'Add quoted claim' }).click();
  await expect(page.getByRole('alert')).toContainText(/more than once|ambiguous|times/i);
  const quoted = 'I once again appeal to the international community: help us save our children.';
  await page.getByLabel('Passage (exact text, found once in the article)').fill(quoted);
  await page.getByRole('button', { name: 'Add quoted claim' }).click();
  await expect(page.getByRole('region', { name: 'Selected claim' }).getByText(`“${quoted}”`)).toBeVisible();

  // Reject one with a reason.
  const reasonText = 'An appeal, not a checkable statement';
  await page.getByLabel('Reason for rejecting').fill(reasonText);
  await page.getByRole('button', { name: 'Reject claim' }).click();
  const quotedClaim = () => claims().then((all) => all.find((c) => c.text === quoted)!);
  await expect.poll(async () => (await quotedClaim()).status).toBe('rejected');
  await expect(page.getByRole('region', { name: 'Selected claim' })).toContainText('Rejected');
  // The reason is shown with the claim, not only in its history.
  const rejection = page.getByRole('region', { name: 'Selected claim' }).getByRole('note', { name: 'Rejection' });
  await expect(rejection).toContainText(`Rejected by ${editorName} on`);
  await expect(rejection.locator('blockquote')).toHaveText(reasonText);
  await page.evaluate(() => window.scrollTo(0, 0));
  await checkScreen(page, 'editor-claim-rejected');
  const history = await call<{ action: string; after: { reason?: string } }[]>(
    'GET',
    `/claims/${(await quotedClaim()).id}/history`,
    editor.token,
  );
  expect(history.find((h) => h.action === 'claim.reject')?.after.reason).toBe(reasonText);

  // Route one to a queue, then reserve it for a named reviewer.
  const list = page.getByRole('region', { name: /^Claims/ });
  await list.getByRole('button', { name: /Himars missiles/ }).click();
  const curator = page.getByRole('region', { name: 'Selected claim' });
  await expect(curator.getByRole('note', { name: 'Rejection' })).toHaveCount(0);
  // Review queues only: claims reach adjudication when their reviewers disagree, never by routing.
  await expect(curator.getByLabel('Route to queue')).toBeVisible();
  const targets = await curator
    .getByLabel('Route to queue')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(targets).toEqual(expect.arrayContaining([slug, 'default']));
  expect(targets).not.toContain('adjudication');
  await curator.getByLabel('Route to queue').selectOption(slug);
  await curator.getByRole('button', { name: 'Route', exact: true }).click();
  await expect(curator.getByText(`Routed to ${slug}.`)).toBeVisible();
  // Routing it there again moves nothing, and the page says so.
  await curator.getByRole('button', { name: 'Route', exact: true }).click();
  await expect(curator.getByText(`Already in ${slug}.`)).toBeVisible();
  const himars = (await claims()).find((c) => c.text.includes('Himars missiles'))!;
  await expect
    .poll(async () => (await call<{ queue: string }>('GET', `/claims/${himars.id}/curation`, editor.token)).queue)
    .toBe(slug);
  await expect(curator.getByLabel('Reserve for reviewer')).toBeVisible();
  await curator.getByLabel('Reserve for reviewer').selectOption({ label: `${reviewerName} (reviewer)` });
  await curator.getByRole('button', { name: 'Reserve' }).click();
  await expect(curator.getByText(`Reserved for ${reviewerName}`)).toBeVisible();
  const lease = await call<{ claim: { id: string } }>('POST', `/queues/${slug}/next`, reviewer.token, undefined, 200);
  expect(lease.claim.id).toBe(himars.id);
  await page.evaluate(() => window.scrollTo(0, 0));
  await checkScreen(page, 'editor-curation');
  // The claim's history leads back to the article it was opened from.
  await curator.getByRole('link', { name: 'Claim history' }).click();
  await expect(page.getByRole('heading', { name: 'Claim history' })).toBeVisible();
  await expect(page.getByText('Reserved for a reviewer')).toBeVisible();
  // Its words already say where a claim went: no "Routed to a queue: Queued".
  await expect(page.getByText('Routed to a queue', { exact: true }).first()).toBeVisible();
  await page.getByRole('link', { name: 'Back to the article' }).click();
  await expect(page.getByRole('region', { name: 'Selected claim' })).toContainText('Himars missiles');

  // The same body again: a clear 409 with a link to the article already stored.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add articles' }).click();
  await page.getByLabel('Title').fill(`${title} (again)`);
  await page.getByLabel('Body').fill(body);
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('alert')).toContainText(/already|duplicate/i);
  await checkScreen(page, 'editor-ingest-duplicate');
  await page.getByRole('link', { name: 'Open the existing article' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // The archive finds it by full text and filters.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Articles', exact: true }).click();
  await page.getByLabel('Search title and body').fill(`"${marker}"`);
  await page.getByLabel('Source').fill('The Daily Example');
  await page.getByLabel('Published from').fill('2024-06-01');
  await page.getByLabel('Published until').fill('2024-06-05');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('table').getByRole('link')).toHaveText([title]);
  await checkScreen(page, 'editor-articles');
  await page.getByLabel('Published from').fill('2024-06-04');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No article matches these filters.')).toBeVisible();
});

test('an editor uploads an NDJSON file and sees exactly its bad and duplicate lines in the report, also as CSV', async ({
  page,
}) => {
  const editor = await createUser('editor');
  const tag = unique('import');
  const article = (n: number) => ({
    title: `Import ${tag} ${n}`,
    body: `The ministry said ${n} bridges were repaired in ${tag} in 2024.`,
  });
  const existing = await call<{ id: string }>('POST', '/articles', editor.token, article(9), 201);
  const lines = [
    JSON.stringify(article(1)),
    '{"title": "Broken JSON", ',
    JSON.stringify(article(2)),
    JSON.stringify({ title: 'No body' }),
    '',
    JSON.stringify({ ...article(1), title: 'Same body as line 1' }),
    JSON.stringify(article(9)),
    JSON.stringify(article(3)),
  ];
  await signIn(page, editor);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add articles' }).click();
  await page.getByLabel('NDJSON file', { exact: true }).setInputFiles({
    name: `${tag}.ndjson`,
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(`${lines.join('\n')}\n`),
  });
  await page.getByRole('button', { name: 'Upload and import' }).click();
  const importPanel = page.getByRole('region', { name: 'Import an NDJSON file' });
  await expect(importPanel.getByRole('status')).toHaveText(/sent · 7 lines reported · done$/);
  await expect(importPanel.getByRole('progressbar')).toHaveAttribute(
    'value',
    String(Buffer.byteLength(`${lines.join('\n')}\n`)),
  );
  await expect(importPanel.getByText('7 lines read: 3 created, 2 duplicate, 2 invalid.')).toBeVisible();
  const rows = importPanel.getByRole('table').getByRole('row');
  // The default view: the duplicate and invalid lines only, with their line numbers.
  await expect(rows).toHaveCount(1 + 4);
  const cells = async () =>
    (await rows.all())
      .slice(1)
      .map(
        async (r) =>
          (await r.getByRole('cell').nth(0).textContent()) + ' ' + (await r.getByRole('cell').nth(1).textContent()),
      );
  expect(await Promise.all(await cells())).toEqual(['2 invalid', '4 invalid', '6 duplicate', '7 duplicate']);
  await expect(rows.nth(4).getByRole('link', { name: 'Open the existing article' })).toHaveAttribute(
    'href',
    `/app/articles/${existing.id}`,
  );
  await importPanel.getByRole('heading', { name: 'Report' }).scrollIntoViewIfNeeded();
  await checkScreen(page, 'editor-import-report');
  await importPanel.getByLabel('Show').selectOption('created');
  expect(await Promise.all(await cells())).toEqual(['1 created', '3 created', '8 created']);
  await importPanel.getByLabel('Show').selectOption('all');
  await expect(rows).toHaveCount(1 + 7);

  const download = page.waitForEvent('download');
  await importPanel.getByRole('button', { name: 'Download report as CSV' }).click();
  const file = await (await download).path();
  const report: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true });
  expect(report.map((r) => `${r.line} ${r.status}`)).toEqual([
    '1 created',
    '2 invalid',
    '3 created',
    '4 invalid',
    '6 duplicate',
    '7 duplicate',
    '8 created',
  ]);
  expect(report.find((r) => r.line === '7')!.existingId).toBe(existing.id);
  expect(report.find((r) => r.line === '4')!.error).toMatch(/body/);
});

test('an editor sees how many rows the filters select, downloads the CSV (it parses with those rows), copies the cursor and previews a ClaimReview', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const slug = await createQueue();
  const seeded = await seedArticle(slug, sentences(3, 'tunnels'));
  const reviewer = await createUser('reviewer');
  for (let i = 0; i < seeded.length; i++) {
    const lease = await call<{ id: string }>('POST', `/queues/${slug}/next`, reviewer.token, undefined, 200);
    await call(
      'POST',
      `/assignments/${lease.id}/verdict`,
      reviewer.token,
      {
        label: i === 2 ? 'disputed' : 'verified',
        rationale: 'Checked the register.',
        sources: [{ url: 'https://gov.example.org/register' }],
        confidence: 4,
      },
      201,
    );
  }
  const editor = await createUser('editor');
  await signIn(page, editor);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exports' }).click();
  await page.getByLabel('Queue (slug)').fill(slug);
  const count = page.getByText(/claims? selected$/);
  await expect(count).toHaveText('3 claims selected');
  await page.getByRole('checkbox', { name: 'Verified' }).uncheck();
  await expect(count).toHaveText('1 claim selected');
  await page.getByRole('checkbox', { name: 'Verified' }).check();
  await expect(count).toHaveText('3 claims selected');
  await checkScreen(page, 'editor-exports');

  const link = page.getByRole('link', { name: 'Download CSV' });
  const download = page.waitForEvent('download');
  await link.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^verdicts-.*\.csv$/);
  const rows: Record<string, string>[] = parse(readFileSync(await file.path(), 'utf8'), { columns: true });
  expect(rows.map((r) => r.claimId).sort()).toEqual(seeded.map((c) => c.id).sort());
  expect(rows.map((r) => r.finalLabel).sort()).toEqual(['disputed', 'verified', 'verified']);

  const cursor = await page.getByLabel(/^Incremental cursor/).inputValue();
  expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  await page.getByRole('button', { name: 'Copy cursor' }).click();
  await expect(page.getByText('Cursor copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(cursor);
  // Nothing changed since that cursor.
  await page.getByLabel(/^Only changes since cursor/).fill(cursor);
  await expect(count).toHaveText('0 claims selected');

  await page.getByLabel('Claim ID').fill(seeded[0].id);
  await page.getByRole('button', { name: 'Preview' }).click();
  const markup = page.getByLabel('ClaimReview JSON-LD');
  await expect(markup).toContainText('"@type": "ClaimReview"');
  await expect(markup).toContainText(seeded[0].text);
  await checkScreen(page, 'editor-claimreview-preview');
});

test("a settled claim's page says how and when it was settled, and offers no curation", async ({ page }) => {
  const slug = await createQueue();
  const [claim] = await seedArticle(slug, sentences(1, 'ferries'));
  const reviewer = await createUser('reviewer');
  const lease = await call<{ id: string }>('POST', `/queues/${slug}/next`, reviewer.token, undefined, 200);
  const verdict = { label: 'verified', rationale: 'The timetable.', sources: [{ url: 'https://x.example.org/t' }] };
  await call('POST', `/assignments/${lease.id}/verdict`, reviewer.token, { ...verdict, confidence: 4 }, 201);
  await signIn(page, await createUser('editor'));
  await openWorkbench(page, `/app/articles/${claim.articleId}?claim=${claim.id}`);
  const curator = page.getByRole('region', { name: 'Selected claim' });
  await expect(curator).toContainText('Verified');
  await expect(curator).toContainText(/settled by consensus on \w{3} \d+, \d{4}/);
  await expect(curator.getByText('Review has moved past curation: nothing to change here.')).toBeVisible();
  await expect(curator.getByRole('button')).toHaveCount(0);
});

test("a reviewer's browser never downloads the editor screens' code", async ({ page }) => {
  const reviewer = await createUser('reviewer');
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await signIn(page, reviewer);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My work' }).click();
  await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Articles', exact: true }),
  ).toHaveCount(0);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => /(Article|Ingest|Export|ClaimCurator|ImportPanel)/.test(s))).toEqual([]);
});
