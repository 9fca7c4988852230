import { expect, test } from '@playwright/test';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization, rootAdmin } from './support/first-run';

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

test('the sample district in one tab changes nothing for the admin signed in in another', async ({ context }) => {
  const visitor = await context.newPage();
  await visitor.goto(app.url);
  await visitor.getByRole('button', { name: 'Explore with a sample district' }).click();
  await expect(visitor.getByLabel('Signed in as')).toHaveText('Demo Admin', { timeout: 45_000 });

  // Meanwhile the district's own admin sets up the real organization in a tab of their own.
  const admin = await context.newPage();
  await createOrganization(admin, app.url);
  const tree = admin.getByRole('tree', { name: 'Organization' });
  await expect(tree.getByRole('treeitem', { name: new RegExp(rootAdmin.organization) })).toBeVisible();
  await expect(admin.getByLabel('Demo: a generated sample district')).toHaveCount(0);

  // The visitor's tab still shows the sample district after a reload, and leaves it.
  await visitor.reload();
  await expect(visitor.getByLabel('Demo: a generated sample district')).toHaveText('DEMO');
  await expect(visitor.getByRole('tree', { name: 'Organization' }).getByRole('treeitem', { name: /Springfield High/ })).toBeVisible();
  await visitor.getByRole('button', { name: 'Leave the demo' }).click();
  await expect(visitor.getByRole('button', { name: 'Sign in' })).toBeVisible();

  // The admin was never signed out, and their organization is as they made it.
  await admin.reload();
  await expect(admin.getByLabel('Signed in as')).toHaveText(rootAdmin.name);
  await expect(tree.getByRole('treeitem', { name: new RegExp(rootAdmin.organization) })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /Springfield High/ })).toHaveCount(0);
});
