import { expect, type Page, test } from '@playwright/test';
import { call, createUser, unique } from './support/api';
import { checkScreen, openWorkbench, signIn } from './support/workbench';

const ADMIN_CHUNKS = /\/assets\/(UsersPage|QueuesAdminPage|QueueEditPage|AuditPage|users-api|queue-admin-api)-[\w-]+\.js$/;

async function openAccounts(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
}

test('an admin creates a reviewer, the reviewer signs in, the admin deactivates them and their open page signs out; the audit tells it', async ({ page, browser }) => {
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
