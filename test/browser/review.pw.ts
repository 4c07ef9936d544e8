// page.evaluate callbacks run in the browser
/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { call, createQueue, createUser, seedArticle, sentences } from './support/api';
import { checkScreen, claimOnScreen, openWorkbench, signIn, tabTo } from './support/workbench';

type Verdict = {
  label: string;
  rationale: string | null;
  sources: { url: string; quote?: string }[];
  confidence: number;
  reviewerId: string;
};

test('a reviewer judges three claims by keyboard only; the verdicts are stored with rationale and evidence', async ({
  page,
}) => {
  const slug = await createQueue();
  const claims = await seedArticle(slug, sentences(3));
  const reviewer = await createUser('reviewer');
  const editor = await createUser('editor');
  await signIn(page, reviewer);
  await checkScreen(page, 'queues');

  await tabTo(page, page.getByRole('link', { name: slug }));
  await page.keyboard.press('Enter');
  const article = page.getByRole('region', { name: 'Article' });
  await expect(article.locator('mark')).toBeVisible();
  await expect(article.locator('mark')).toBeInViewport();

  const plan = [
    {
      key: '1',
      label: 'verified',
      rationale: 'Matches the ministry register.',
      url: 'https://gov.example.org/register',
      note: 'Table 4',
    },
    {
      key: '2',
      label: 'disputed',
      rationale: 'The register lists fewer repairs.',
      url: 'https://gov.example.org/register-2024',
      note: '',
    },
    {
      key: '3',
      label: 'unverifiable',
      rationale: 'No public record either way.',
      url: 'https://archive.example.org/none',
      note: 'searched 2024',
    },
  ];
  const judged: string[] = [];
  for (const [i, step] of plan.entries()) {
    const text = (await claimOnScreen(page).textContent())!;
    expect(judged).not.toContain(text);
    judged.push(text);
    await expect(article.locator('mark')).toHaveText(text);
    if (i === 0) await checkScreen(page, 'review');

    await page.keyboard.press(step.key);
    await expect(page.getByRole('button', { name: new RegExp(`^${step.label}`, 'i') })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await tabTo(page, page.getByRole('textbox', { name: 'Rationale' }));
    await page.keyboard.type(step.rationale);
    // A digit typed in a field is text, not a shortcut.
    await page.keyboard.type(' 2');
    await expect(page.getByRole('button', { name: new RegExp(`^${step.label}`, 'i') })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Escape');
    await tabTo(page, page.getByRole('button', { name: 'Add source' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Evidence URL' })).toBeFocused();
    await page.keyboard.type(step.url);
    await page.keyboard.press('Tab');
    await page.keyboard.type(step.note);
    await page.keyboard.press('Control+Enter');
    if (i < plan.length - 1) await expect(claimOnScreen(page)).not.toHaveText(text);
  }
  await expect(page.getByRole('heading', { name: `Nothing to review in ${slug} right now` })).toBeVisible();
  await expect(page.getByText('Nothing is left in this queue: every claim has its verdicts.')).toBeVisible();
  await checkScreen(page, 'review-empty');

  await page.getByRole('link', { name: 'Your queues' }).click();
  await expect(
    page
      .getByRole('row', { name: new RegExp(slug) })
      .getByRole('cell')
      .last(),
  ).toHaveText('3');
  await page.getByRole('link', { name: 'My work' }).click();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText(judged[2]);
  await expect(rows.nth(1)).toContainText('Unverifiable');
  await checkScreen(page, 'my-work');

  for (const [i, step] of plan.entries()) {
    const claim = claims.find((c) => c.text === judged[i])!;
    const verdicts = await call<Verdict[]>('GET', `/claims/${claim.id}/verdicts`, editor.token);
    expect(verdicts).toEqual([
      expect.objectContaining({
        label: step.label,
        rationale: step.rationale,
        reviewerId: reviewer.id,
        sources: [expect.objectContaining({ url: step.url, ...(step.note ? { quote: step.note } : {}) })],
      }),
    ]);
  }
});

test('the cheat-sheet opens with ? and shortcuts are ignored while typing', async ({ page }) => {
  const slug = await createQueue();
  await seedArticle(slug, sentences(1));
  await signIn(page, await createUser('reviewer'));
  await openWorkbench(page, `/app/review/${slug}`);
  await expect(claimOnScreen(page)).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await checkScreen(page, 'review-cheat-sheet');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('textbox', { name: 'Rationale' }).focus();
  await page.keyboard.type('s?1');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Rationale' })).toHaveValue('s?1');
  await expect(page.getByRole('button', { name: /^Verified/ })).toHaveAttribute('aria-pressed', 'false');
});

test('an evidence URL is checked and a bad one is not submitted', async ({ page }) => {
  const slug = await createQueue();
  await seedArticle(slug, sentences(1));
  await signIn(page, await createUser('reviewer'));
  await openWorkbench(page, `/app/review/${slug}`);
  await page.getByRole('button', { name: 'Add source' }).click();
  await page.getByRole('textbox', { name: 'Evidence URL' }).fill('javascript:alert(1)');
  await page.getByRole('textbox', { name: 'Note' }).focus();
  await expect(page.getByText('Enter a full http:// or https:// address.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Evidence URL' })).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Escape');
  await page.keyboard.press('1');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('alert')).toContainText('The verdict was not saved');
  await checkScreen(page, 'review-invalid-evidence');
  await page.getByRole('button', { name: 'Remove source 1' }).click();
  await expect(page.getByRole('textbox', { name: 'Evidence URL' })).toHaveCount(0);
});

test('two reviewers in two browsers never see the same claim at once', async ({ browser }) => {
  const slug = await createQueue({ verdictsRequired: 1 });
  await seedArticle(slug, sentences(2));
  const [a, b, c] = await Promise.all([createUser('reviewer'), createUser('reviewer'), createUser('reviewer')]);
  const pages = await Promise.all(
    [a, b, c].map(async (user) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, user);
      return page;
    }),
  );
  await Promise.all(pages.slice(0, 2).map((page) => openWorkbench(page, `/app/review/${slug}`)));
  const [first, second] = await Promise.all(
    pages.slice(0, 2).map(async (page) => (await claimOnScreen(page).textContent())!),
  );
  expect(first).not.toEqual(second);
  // Both claims are held: the third reviewer is told so rather than shown a bare "no more tasks".
  await openWorkbench(pages[2], `/app/review/${slug}`);
  await expect(pages[2].getByRole('heading', { name: `Nothing to review in ${slug} right now` })).toBeVisible();
  await expect(pages[2].getByText('2 claims are held by other reviewers right now.', { exact: false })).toBeVisible();
  await Promise.all(pages.map((page) => page.context().close()));
});

test('the draft survives a reload and is cleared by the submit', async ({ page }) => {
  const slug = await createQueue();
  await seedArticle(slug, sentences(2));
  await signIn(page, await createUser('reviewer'));
  await openWorkbench(page, `/app/review/${slug}`);
  const claim = (await claimOnScreen(page).textContent())!;
  await page.keyboard.press('2');
  await page.getByRole('textbox', { name: 'Rationale' }).fill('Half-written rationale');
  await page.getByRole('button', { name: 'Add source' }).click();
  await page.getByRole('textbox', { name: 'Evidence URL' }).fill('https://example.org/half');
  await page.getByRole('radio', { name: '5' }).check();

  await page.reload();
  await expect(claimOnScreen(page)).toHaveText(claim);
  await expect(page.getByRole('textbox', { name: 'Rationale' })).toHaveValue('Half-written rationale');
  await expect(page.getByRole('textbox', { name: 'Evidence URL' })).toHaveValue('https://example.org/half');
  await expect(page.getByRole('button', { name: /^Disputed/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('radio', { name: '5' })).toBeChecked();

  await page.getByRole('button', { name: /^Submit verdict/ }).click();
  await expect(claimOnScreen(page)).not.toHaveText(claim);
  await expect(page.getByRole('textbox', { name: 'Rationale' })).toHaveValue('');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('factcheck.draft.')))).toEqual(
    [],
  );
});

test('an expired lease says so, keeps the draft and offers to pull again', async ({ page }) => {
  const slug = await createQueue({ leaseSeconds: 180 });
  await seedArticle(slug, sentences(1));
  await signIn(page, await createUser('reviewer'));
  await page.clock.install();
  await openWorkbench(page, `/app/review/${slug}`);
  await expect(claimOnScreen(page)).toBeVisible();
  await page.getByRole('textbox', { name: 'Rationale' }).fill('Draft before the lease ends');
  await expect(page.getByText(/Lease: \d:\d\d left/)).toBeVisible();

  await page.clock.fastForward('02:10');
  await expect(page.getByRole('alert').filter({ hasText: 'ends in under a minute' })).toBeVisible();
  await checkScreen(page, 'review-lease-warning');

  await page.clock.fastForward('01:00');
  await expect(page.getByRole('heading', { name: 'Your lease on this claim has ended' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pull again' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Rationale' })).toHaveValue('Draft before the lease ends');
  await expect(page.getByRole('button', { name: /^Submit verdict/ })).toBeDisabled();
  await checkScreen(page, 'review-lease-expired');
});

test('skip asks for a reason, hands the claim back and loads the next one', async ({ page }) => {
  const slug = await createQueue({ verdictsRequired: 1 });
  const claims = await seedArticle(slug, sentences(2));
  const editor = await createUser('editor');
  await signIn(page, await createUser('reviewer'));
  await openWorkbench(page, `/app/review/${slug}`);
  const skipped = (await claimOnScreen(page).textContent())!;
  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog', { name: 'Skip this claim' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Reason for skipping' })).toBeFocused();
  await page.keyboard.type('I wrote about this bridge myself.');
  await checkScreen(page, 'review-skip');
  await tabTo(page, dialog.getByRole('button', { name: 'Skip claim' }));
  await page.keyboard.press('Enter');
  await expect(claimOnScreen(page)).not.toHaveText(skipped);
  const claim = claims.find((c) => c.text === skipped)!;
  expect((await call<{ status: string }>('GET', `/claims/${claim.id}`, editor.token)).status).toBe('queued');
  const history = await call<{ action: string; after: { reason?: string } | null }[]>(
    'GET',
    `/claims/${claim.id}/history`,
    editor.token,
  );
  // claim.skip, or claim.requeue when the skip put it back in the queue
  expect(history.find((e) => ['claim.skip', 'claim.requeue'].includes(e.action))?.after?.reason).toBe(
    'I wrote about this bridge myself.',
  );
});

test("a reviewer never sees another reviewer's verdict before the claim is final", async ({ page }) => {
  const slug = await createQueue({ verdictsRequired: 3 });
  const [claim] = await seedArticle(slug, sentences(1));
  const other = await createUser('reviewer');
  const lease = await call<{ id: string }>('POST', `/queues/${slug}/next`, other.token, undefined, 200);
  const secret = `Secret rationale ${Date.now()}`;
  await call(
    'POST',
    `/assignments/${lease.id}/verdict`,
    other.token,
    { label: 'disputed', rationale: secret, sources: [{ url: 'https://other.example.org/x' }], confidence: 2 },
    201,
  );

  const reviewer = await createUser('reviewer');
  const seen: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/api') || response.request().resourceType() === 'fetch')
      seen.push(await response.text().catch(() => ''));
  });
  await signIn(page, reviewer);
  await openWorkbench(page, `/app/review/${slug}`);
  await expect(claimOnScreen(page)).toHaveText(claim.text);
  await expect(page.getByText('Settled similar claims')).toBeVisible();
  await expect(page.locator('body')).not.toContainText(secret);
  await expect(page.locator('body')).not.toContainText('other.example.org');
  expect(seen.join('\n')).not.toContain(secret);
});

test("the queue's guidelines are shown as Markdown, with any HTML or script dropped", async ({ page }) => {
  const slug = await createQueue();
  await seedArticle(slug, sentences(1));
  const editor = await createUser('editor');
  const guidelines = [
    '## Sources first',
    'Prefer **primary** sources. See [the handbook](https://handbook.example.org/).',
    '<script>window.__pwned = true</script><img src="x" onerror="window.__pwned = true">',
    '[click me](javascript:window.__pwned=true)',
  ].join('\n\n');
  await call('PUT', `/queues/${slug}/guidelines`, editor.token, { guidelines });
  await signIn(page, await createUser('reviewer'));
  await openWorkbench(page, `/app/review/${slug}`);
  const panel = page.locator('details.guidelines');
  await expect(panel.getByRole('heading', { name: 'Sources first' })).toBeVisible();
  await expect(panel.locator('strong')).toHaveText('primary');
  await expect(panel.getByRole('link', { name: 'the handbook' })).toHaveAttribute(
    'href',
    'https://handbook.example.org/',
  );
  await expect(panel.locator('script, img')).toHaveCount(0);
  expect(await panel.getByText('click me').getAttribute('href')).not.toContain('javascript');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
});

test('my work pages through the verdicts, and shows no final label before the claim is settled', async ({ page }) => {
  const slug = await createQueue({ verdictsRequired: 2 });
  await seedArticle(slug, sentences(27, 'ferries'));
  const reviewer = await createUser('reviewer');
  for (let i = 0; i < 27; i++) {
    const lease = await call<{ id: string }>('POST', `/queues/${slug}/next`, reviewer.token, undefined, 200);
    await call(
      'POST',
      `/assignments/${lease.id}/verdict`,
      reviewer.token,
      { label: 'verified', sources: [], confidence: 4 },
      201,
    );
  }
  await signIn(page, reviewer);
  await page.getByRole('link', { name: 'My work' }).click();
  await expect(page.getByText('Page 1 of 2 · 27 verdicts')).toBeVisible();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(26);
  await expect(page.getByRole('table').getByText('Not final yet')).toHaveCount(25);
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText('Page 2 of 2 · 27 verdicts')).toBeVisible();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();
});
