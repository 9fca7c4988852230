import { expect, test } from '@playwright/test';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';

let data: ReturnType<typeof freshDataDir>;
let app: RunningApp;

test.beforeEach(async () => {
  data = freshDataDir();
  app = await startBrowserMode(data.dir, { MD_AUTO_SYNC: '0' });
});

test.afterEach(async () => {
  await app.stop();
  data.remove();
});

test('explore the sample district from the welcome screen, read its report, and leave', async ({ page }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Explore with a sample district' }).click();
  await expect(page.getByLabel('Signed in as')).toHaveText('Demo Admin', { timeout: 45_000 });
  await expect(page.getByLabel('Demo: a generated sample district')).toHaveText('DEMO');
  await expect(page.getByRole('tree', { name: 'Organization' }).getByRole('treeitem', { name: /Springfield High/ })).toBeVisible();

  await page.getByRole('tab', { name: 'Report' }).click();
  const report = page.getByRole('region', { name: 'Managed Distribution Report' });
  await expect(report.getByTestId(/^synced-/)).not.toHaveText('never');
  const licenses = report.getByRole('grid', { name: 'Licenses' });
  await expect(licenses.getByRole('row').nth(1)).toBeVisible();
  await expect(report.getByRole('figure')).toContainText('Most-used licenses');
  await report.getByRole('tab', { name: 'Users' }).click();
  const users = report.getByRole('grid', { name: 'Apple users' });
  await expect(users.getByRole('row').nth(1)).toContainText(/Associated|Registered/);
  await expect(users.getByText('Not in this directory')).toHaveCount(0);

  await page.getByRole('button', { name: 'Leave the demo' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Managed Distribution' })).toBeVisible();
  await expect(page.getByLabel('Demo: a generated sample district')).toHaveCount(0);
});
