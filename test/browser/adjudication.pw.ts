import { expect, test } from '@playwright/test';
import { call, createQueue, createUser, seedArticle, sentences } from './support/api';
import { checkScreen, signIn } from './support/workbench';

test('an editor compares the disagreeing verdicts side by side and resolves the claim', async ({ page }) => {
  const slug = await createQueue({ verdictsRequired: 2 });
  const [claim] = await seedArticle(slug, sentences(1, 'tunnels'));
  const [a, b] = await Promise.all([createUser('reviewer', 'Ana Reviewer'), createUser('reviewer', 'Ben Reviewer')]);
  for (const [user, verdict] of [
    [
      a,
      {
        label: 'verified',
        rationale: 'The register shows the repairs.',
        sources: [{ url: 'https://gov.example.org/reg' }],
        confidence: 4,
      },
    ],
    [
      b,
      {
        label: 'disputed',
        rationale: 'Only half were finished.',
        sources: [{ url: 'https://audit.example.org/r' }],
        confidence: 3,
      },
    ],
  ] as const) {
    const lease = await call<{ id: string }>('POST', `/queues/${slug}/next`, user.token, undefined, 200);
    await call('POST', `/assignments/${lease.id}/verdict`, user.token, verdict, 201);
  }
  const editor = await createUser('editor');
  expect((await call<{ status: string }>('GET', `/claims/${claim.id}`, editor.token)).status).toBe(
    'needs_adjudication',
  );

  await signIn(page, editor);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Adjudication' }).click();
  await expect(page.getByRole('heading', { name: `“${claim.text}”` })).toBeVisible();
  const cards = page.getByRole('article');
  await expect(cards).toHaveCount(2);
  await expect(page.getByRole('article', { name: 'Reviewer A' })).toContainText('The register shows the repairs.');
  await expect(page.getByRole('article', { name: 'Reviewer B' })).toContainText('Only half were finished.');
  await expect(page.locator('body')).not.toContainText('Ana Reviewer');
  await checkScreen(page, 'adjudication');
  await page.getByRole('button', { name: 'Reveal reviewer names' }).click();
  await expect(page.getByRole('article', { name: 'Reviewer A' })).toContainText('Ana Reviewer');
  await expect(page.getByRole('article', { name: 'Reviewer B' })).toContainText('Ben Reviewer');
  await page.getByRole('button', { name: 'Reveal reviewer names' }).click();
  await expect(page.locator('body')).not.toContainText('Ana Reviewer');

  await page.getByRole('link', { name: 'Claim history' }).click();
  await expect(page.getByRole('heading', { name: 'Claim history' })).toBeVisible();
  await expect(page.getByText('Verdict submitted: Verified, round 1')).toBeVisible();
  await expect(page.getByText('Verdict submitted: Disputed, round 1')).toBeVisible();
  await checkScreen(page, 'claim-history');
  await page.goBack();
  await expect(page.getByRole('heading', { name: `“${claim.text}”` })).toBeVisible();

  await page.getByRole('radio', { name: 'Disputed' }).check();
  await page.getByRole('textbox', { name: 'Resolution note' }).fill('Audit report outweighs the register.');
  await page.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByRole('heading', { name: `“${claim.text}”` })).toBeHidden();
  const settled = await call<{ status: string; finalLabel: string; settledBy: string }>(
    'GET',
    `/claims/${claim.id}`,
    editor.token,
  );
  expect(settled).toMatchObject({ status: 'disputed', finalLabel: 'disputed', settledBy: 'adjudication' });
});
