import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './test/browser/support/chromium';

// The browser suite: Debian's Chromium (never a downloaded one) against the built app on a real, migrated database
// (test/browser/global-setup.ts). `npm run test:browser` builds first.
export default defineConfig({
  testDir: 'test/browser',
  testMatch: '*.pw.ts',
  outputDir: 'test-results/browser',
  globalSetup: './test/browser/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  // On CI a failed browser test is run once more, and the report names it "flaky", so it is still seen and fixed.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM,
    viewport: { width: 1366, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
