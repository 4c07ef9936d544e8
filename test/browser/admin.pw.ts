import { expect, type Page, test } from '@playwright/test';
import { call, createQueue, createUser, seedArticle, sentences, unique } from './support/api';
import { checkScreen, openWorkbench, signIn } from './support/workbench';

const ADMIN_CHUNKS =
  /\/assets\/(UsersPage|QueuesAdminPage|QueueEditPage|AuditPage|users-api|queue-admin-api)-[\w-]+\.js$/;

/** The paths of every script the page loads from now on. */
function loadedScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) scripts.push(new URL(response.url()).pathname);
  });
  return scripts;
}

async function openAccounts(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
}

test('an admin creates a reviewer, the reviewer signs in, the admin deactivates them and their open page signs out; the audit tells it', async ({
  page,
  browser,
}) => {
  // Two browsers, a wait for the session check and six axe runs: longer than one screen's test.
  test.slow();
  const adminName = `Admin ${unique('a').slice(-5)}`;
  const admin = await createUser('admin', adminName);
  await signIn(page, admin);
  await openAccounts(page);
  await checkScreen(page, 'admin-users');

  // Keyboard only: the form opens with the focus on the name, Tab to the email, Enter creates (reviewer, generated password).
  const name = `Rita Reviewer ${unique('n').slice(-6)}`;
  const email = `${unique('rita')}@browser-test.example`.toLowerCase();
  await page.getByRole('button', { name: 'New account' }).press('Enter');
  const form = page.getByRole('form', { name: 'New account' });
  await expect(form.getByLabel('Name')).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Account created' })).toBeVisible();
  const password = (await page.locator('code.secret').textContent())!;
  expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
  await checkScreen(page, 'admin-users-created');
  await page.getByRole('button', { name: 'Done' }).click();

  // The same email again: the service's refusal, and what to do about it.
  await page.getByRole('button', { name: 'New account' }).click();
  await form.getByLabel('Name').fill('Someone else');
  await form.getByLabel('Email').fill(email);
  await form.getByRole('radio', { name: 'Set it myself' }).check();
  await form.getByLabel('Password', { exact: true }).fill('a-long-password-1');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toContainText(`A user with email ${email} already exists`);
  await expect(page.getByRole('alert')).toContainText('Each email belongs to one account');
  await checkScreen(page, 'admin-users-email-taken');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The reviewer, in a browser of their own, signs in with the password they were given.
  const reviewerContext = await browser.newContext();
  const reviewerPage = await reviewerContext.newPage();
  await signIn(reviewerPage, { email, password });
  await expect(reviewerPage.getByRole('heading', { name: 'Your queues' })).toBeVisible();
  await expect(reviewerPage.getByRole('link', { name: 'Accounts' })).toHaveCount(0);

  await page.getByLabel('Name or email').fill(email);
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Active');
  await page.getByRole('button', { name: `Manage ${name}` }).click();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await checkScreen(page, 'admin-user-manage');
  await dialog.getByRole('button', { name: 'Deactivate account' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved. Their open sessions were signed out.');
  await expect(dialog.getByRole('button', { name: 'Reactivate account' })).toBeVisible();

  // The reviewer does nothing: their page finds out by itself (the session check) and shows the sign-in.
  await expect(reviewerPage.getByRole('button', { name: 'Sign in' })).toBeVisible({ timeout: 20_000 });
  await expect(reviewerPage.getByRole('status')).toHaveText('Your session has ended. Please sign in again.');
  await reviewerPage.getByLabel('Email').fill(email);
  await reviewerPage.getByLabel('Password').fill(password);
  await reviewerPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(reviewerPage.getByRole('alert')).toHaveText('Wrong email or password.');
  await reviewerContext.close();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Deactivated');

  // The account's timeline: created by the admin, signed in, deactivated by the admin; then the failed sign-in.
  await page.getByRole('button', { name: `Manage ${name}` }).click();
  await dialog.getByRole('link', { name: 'Timeline of this account' }).click();
  await expect(page.getByRole('heading', { name: `Timeline of ${name}` })).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(1)).toContainText('Account created');
  await expect(rows.nth(1)).toContainText(adminName);
  await expect(rows.nth(2)).toContainText('Signed in');
  await expect(rows.nth(2)).toContainText(name);
  await expect(rows.nth(3)).toContainText('Account changed');
  await expect(rows.nth(3)).toContainText('active: true → false');
  // The subject is the account by name, not only its id.
  await expect(rows.nth(3).getByRole('link', { name })).toBeVisible();
  await expect(rows.nth(4)).toContainText('Sign-in failed');
  await checkScreen(page, 'admin-audit-timeline');

  // The whole log, narrowed to the admin's account changes.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Action').fill('user.');
  await page.getByLabel('Who acted').selectOption({ label: `${adminName} (${admin.email})` });
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
  await checkScreen(page, 'admin-audit');
});

test('an admin sets up a queue: members, routing, lease, guidelines previewed as reviewers will see them (no raw HTML)', async ({
  page,
}) => {
  test.slow();
  const member = await createUser('reviewer', `Member ${unique('m').slice(-6)}`);
  const outsider = await createUser('reviewer');
  const admin = await createUser('admin');
  const scripts = loadedScripts(page);
  await signIn(page, admin);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue settings' }).click();
  await expect(page.getByRole('heading', { name: 'Queue settings' })).toBeVisible();
  // The screen came as a chunk of its own (what the reviewer's test below proves they never load).
  expect(scripts.filter((path) => ADMIN_CHUNKS.test(path))).not.toEqual([]);
  await expect(page.getByRole('link', { name: 'Edit default' })).toBeVisible();
  await expect(
    page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Edit adjudication' }) }),
  ).toContainText('disagreements only');
  await checkScreen(page, 'admin-queues');
  // The adjudication queue is never a routing target: its settings offer no routing, and say why.
  await page.getByRole('link', { name: 'Edit adjudication' }).click();
  await expect(page.getByRole('heading', { name: 'Queue adjudication' })).toBeVisible();
  await expect(page.getByText('Claims arrive here only when their reviewers disagree.')).toBeVisible();
  await expect(page.getByLabel('New claims are routed here automatically')).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue settings' }).click();

  await page.getByRole('link', { name: 'New queue' }).click();
  await expect(page.getByRole('heading', { name: 'New queue' })).toBeVisible();
  // A name the service refuses: its message, field by field.
  await page.getByLabel('Name (in addresses)').fill('Not A Slug');
  await page.getByRole('button', { name: 'Create queue' }).click();
  await expect(page.getByRole('alert')).toContainText('slug must be lower-case letters, digits and dashes');

  const slug = unique('desk')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-');
  await page.getByLabel('Name (in addresses)').fill(slug);
  await page.getByLabel('Description').fill('Health claims, two reviewers each');
  await page.getByLabel('Verdicts required').fill('1');
  await page.getByLabel('Lease (minutes)').fill('5');
  await page.getByLabel('Minimum check-worthiness score').fill('0.4');
  await page.getByLabel('Languages').fill('en, pt-BR');
  await page.getByLabel('Sources').fill('The Daily Example\nWire Service');
  await page.getByLabel('New claims are routed here automatically').uncheck();
  await page.getByLabel(`Find a reviewer`).fill(member.email);
  await page.getByRole('checkbox', { name: new RegExp(member.email) }).check();
  await expect(page.getByText('Only the 1 ticked may pull')).toBeVisible();
  await page
    .getByLabel('Guidelines', { exact: true })
    .fill(
      '## Sourcing\n\n- Two **independent** sources\n- Link the [primary document](https://example.org/doc)\n\n<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>',
    );
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.locator('.guidelines-editor');
  await expect(preview.getByRole('heading', { name: 'Sourcing' })).toBeVisible();
  await expect(preview.getByRole('link', { name: 'primary document' })).toHaveAttribute(
    'href',
    'https://example.org/doc',
  );
  await expect(preview.locator('img, script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await checkScreen(page, 'admin-queue-new');
  await page.getByRole('button', { name: 'Write' }).click();
  await page.getByRole('button', { name: 'Create queue' }).click();
  await expect(page.getByRole('heading', { name: `Queue ${slug}` })).toBeVisible();

  await page.getByLabel('Verdicts required').fill('3');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved. Reviewers see the new settings on their next pull.');
  await checkScreen(page, 'admin-queue-edit');

  type Queue = {
    slug: string;
    members: string[];
    verdictsRequired: number;
    leaseSeconds: number;
    minScore: number;
    sources: string[];
    languages: string[];
    routable: boolean;
    guidelines: string;
  };
  const saved = (await call<Queue[]>('GET', '/queues', admin.token)).find((q) => q.slug === slug)!;
  expect(saved).toMatchObject({
    members: [member.id],
    verdictsRequired: 3,
    leaseSeconds: 300,
    minScore: 0.4,
    sources: ['The Daily Example', 'Wire Service'],
    languages: ['en', 'pt-BR'],
    routable: false,
  });
  expect(saved.guidelines).toContain('## Sourcing');
  expect((await call<Queue[]>('GET', '/queues', member.token)).map((q) => q.slug)).toContain(slug);
  expect((await call<Queue[]>('GET', '/queues', outsider.token)).map((q) => q.slug)).not.toContain(slug);

  await page.getByRole('link', { name: 'Change history' }).click();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Queue created');
  await expect(rows.nth(2)).toContainText('verdictsRequired: 1 → 3');
});

test("a reviewer's pages never load the admin screens' code, and the admin menu is not theirs", async ({ page }) => {
  const scripts = loadedScripts(page);
  await signIn(page, await createUser('reviewer'));
  await expect(page.getByRole('heading', { name: 'Your queues' })).toBeVisible();
  await page.getByRole('link', { name: 'My work' }).click();
  await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
  await page.getByRole('link', { name: 'Your queues' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Your queues', 'My work']);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((path) => ADMIN_CHUNKS.test(path))).toEqual([]);

  // Typed in by hand, an admin address answers with the service's refusal, not the screen.
  await openWorkbench(page, '/app/admin/users');
  await expect(page.getByRole('alert')).toContainText('Could not load the accounts.');
});

test("a claim's whole timeline in the audit log: routed, leased, judged, settled, with who did it", async ({
  page,
}) => {
  const slug = await createQueue({ verdictsRequired: 1 });
  const [claim] = await seedArticle(slug, sentences(1, 'ferries'));
  const reviewerName = `Timeline Reviewer ${unique('t').slice(-5)}`;
  const reviewer = await createUser('reviewer', reviewerName);
  const lease = await call<{ id: string }>('POST', `/queues/${slug}/next`, reviewer.token, undefined, 200);
  const verdict = {
    label: 'verified',
    rationale: 'The timetable shows it.',
    sources: [{ url: 'https://ferries.example.org/t' }],
    confidence: 4,
  };
  await call('POST', `/assignments/${lease.id}/verdict`, reviewer.token, verdict, 201);

  await signIn(page, await createUser('admin'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await page.getByLabel('Subject', { exact: true }).selectOption('claim');
  await page.getByLabel('Subject id').fill(claim.id);
  await page.getByLabel('Order').selectOption('asc');
  await expect(page.getByRole('heading', { name: `Timeline of claim ${claim.id.slice(0, 8)}` })).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: 'Verdict submitted: Verified' })).toContainText(reviewerName);
  const actions = (await rows.locator('td:nth-child(3)').allTextContents()).map(
    (text) => text.match(/\(([a-z_.]+)\)/)?.[1],
  );
  expect(actions).toEqual(
    expect.arrayContaining(['claim.route', 'claim.start_review', 'verdict.submit', 'claim.consensus']),
  );
  expect(actions.indexOf('claim.route')).toBeLessThan(actions.indexOf('verdict.submit'));
  await checkScreen(page, 'admin-audit-claim');
});
