import { defineConfig } from '@playwright/test';

// The browser suite: Debian's Chromium (never a downloaded one) against the built app on a real, migrated database
// (test/browser/global-setup.ts). `npm run test:browser` builds first.
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export default defineConfig({
  testDir: 'test/browser',
  testMatch: '*.pw.ts',
  outputDir: 'test-results/browser',
  globalSetup: './test/browser/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM,
    viewport: { width: 1366, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
