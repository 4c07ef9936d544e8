// page.evaluate callbacks run in the browser
/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl, type SeededUser } from './api';

export const SCREENSHOTS = join(__dirname, '../../../test-results/screens');

/** `base` is another instance of the service (see second-instance.ts); by default the suite's one. */
export async function openWorkbench(page: Page, path = '/app/', base = baseUrl()): Promise<void> {
  await page.goto(`${base}${path}`);
}

/** Signs in through the form, typing like a person (keyboard only: Tab between the fields, Enter to send). */
export async function signIn(
  page: Page,
  user: Pick<SeededUser, 'email' | 'password'>,
  base = baseUrl(),
): Promise<void> {
  await openWorkbench(page, '/app/sign-in', base);
  await page.getByLabel('Email').focus();
  await page.keyboard.type(user.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Presses Tab until `target` has the focus (a keyboard user's way there), failing after `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** No serious or critical axe violation on the screen as it is now; a screenshot of it for the record. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe on ${name}`,
  ).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
  await test.info().attach(name, { path: join(SCREENSHOTS, `${name}.png`), contentType: 'image/png' });
}

export const claimOnScreen = (page: Page): Locator => page.getByRole('region', { name: 'Claim' }).locator('blockquote');
