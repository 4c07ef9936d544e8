// page.evaluate callbacks run in the browser
/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { call, createUser } from './support/api';
import { checkScreen, openWorkbench, signIn } from './support/workbench';

test('a wrong password is refused plainly, the right one opens the queues', async ({ page }) => {
  const reviewer = await createUser('reviewer');
  await openWorkbench(page, '/');
  await expect(page).toHaveURL(/\/app\/sign-in$/);
  await checkScreen(page, 'sign-in');

  await page.getByLabel('Email').fill(reviewer.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  await checkScreen(page, 'sign-in-wrong-password');

  await signIn(page, reviewer);
  await expect(page.getByRole('heading', { name: 'Your queues' })).toBeVisible();
  // The session lives in an httpOnly cookie: nothing a page script could read or send elsewhere.
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const cookies = await page.context().cookies();
  expect(cookies.length).toBeGreaterThan(0);
  expect(cookies.every((c) => c.httpOnly && c.sameSite === 'Strict')).toBe(true);
});

test('too many failed sign-ins say how long to wait', async ({ page }) => {
  const reviewer = await createUser('reviewer');
  await openWorkbench(page, '/app/sign-in');
  await page.getByLabel('Email').fill(reviewer.email);
  await page.getByLabel('Password').fill('wrong-password');
  const alert = page.getByRole('alert');
  // LOGIN_LIMIT_PER_EMAIL failures are answered 401, the next ones 429.
  for (let i = 0; i < 8; i++) {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(alert).toHaveText(/Wrong email or password|Too many failed sign-ins/);
    if ((await alert.textContent())?.includes('Too many')) break;
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  }
  await expect(alert).toHaveText(/Too many failed sign-ins\. Try again in \d+ (seconds?|minutes)\./);
  await checkScreen(page, 'sign-in-rate-limited');
});

test('signing out ends the session', async ({ page }) => {
  const reviewer = await createUser('reviewer');
  await signIn(page, reviewer);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await openWorkbench(page, '/app/');
  await expect(page).toHaveURL(/\/app\/sign-in$/);
  await call('GET', '/auth/me', undefined, undefined, 401);
});

test("a deactivated user's open page is signed out on its next request", async ({ page }) => {
  const reviewer = await createUser('reviewer');
  await signIn(page, reviewer);
  await expect(page.getByRole('heading', { name: 'Your queues' })).toBeVisible();
  const admin = await createUser('admin');
  await call('PATCH', `/users/${reviewer.id}`, admin.token, { active: false });
  await page.getByRole('link', { name: 'default', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Your session has ended. Please sign in again.');
});

test('an admin sees every queue, the adjudication queue among them', async ({ page }) => {
  await signIn(page, await createUser('admin'));
  const queues = page.getByRole('table');
  await expect(queues.getByRole('link', { name: 'default', exact: true })).toBeVisible();
  await expect(queues.getByRole('link', { name: 'adjudication', exact: true })).toHaveAttribute(
    'href',
    '/app/adjudication',
  );
  await checkScreen(page, 'queues-admin');
});
