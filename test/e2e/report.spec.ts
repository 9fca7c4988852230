import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startAppleSandbox, type AppleSandbox } from '../../main/apple/sandbox/apple-sandbox';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization } from './support/first-run';

let data: ReturnType<typeof freshDataDir>;
let app: RunningApp;
let sandbox: AppleSandbox;

test.beforeEach(async () => {
  sandbox = await startAppleSandbox({ pageSize: 50 });
  data = freshDataDir();
  app = await startBrowserMode(data.dir, { MD_APPLE_BASE_URL: sandbox.baseUrl, MD_AUTO_SYNC: '0' });
});

test.afterEach(async () => {
  await app.stop();
  await sandbox.close();
  data.remove();
});

async function addService(page: Page, token: string) {
  await page.getByRole('tab', { name: 'Managed Distribution' }).click();
  await page.getByLabel('New Managed Distribution service').fill('District apps');
  await page.getByRole('button', { name: 'Create Service' }).click();
  const card = page.getByRole('article', { name: 'District apps' });
  await card.getByRole('button', { name: 'Add Token' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add token to District apps' });
  await dialog.getByLabel('Service token').fill(token);
  await dialog.getByRole('button', { name: 'Add Token' }).click();
  await expect(card).toContainText('Active token: Valid');
  return card;
}

test('sync a location, read, filter and export the report, then keep reading it offline', async ({ page }) => {
  const location = sandbox.createLocation({ name: 'Springfield USD' });
  sandbox.generate(location.id, { seed: 5, apps: 30, users: 200, assignments: 600 });
  const assets = sandbox.assetsOf(location.id);
  const books = assets.filter((a) => a.productType === 'Book').length;

  await createOrganization(page, app.url);
  const card = await addService(page, sandbox.mintToken(location.id));
  await card.getByRole('button', { name: 'Sync now' }).click();

  const report = page.getByRole('region', { name: 'Managed Distribution Report' });
  await expect(report).toBeVisible();
  await expect(report.getByTestId(/^synced-/)).not.toHaveText('never', { timeout: 20_000 });
  const licenses = report.getByRole('grid', { name: 'Licenses' });
  await expect(report.getByText(`${assets.length} rows`)).toBeVisible();

  await report.getByLabel('Type').selectOption('Book');
  await expect(report.getByText(`${books} ${books === 1 ? 'row' : 'rows'}`)).toBeVisible();
  await report.getByLabel('Type').selectOption('');
  const someApp = assets.find((a) => a.productType === 'App')!;
  await report.getByLabel('Search apps and books').fill(someApp.adamId);
  await expect(report.getByText('1 row')).toBeVisible();
  await expect(licenses.getByRole('row').nth(1)).toContainText(someApp.adamId);

  // Who holds that app, opened from the keyboard, exported as the admin sees them: one line per assignment.
  await licenses.getByLabel('Licenses rows').focus();
  await page.keyboard.press('Enter');
  const holders = page.getByRole('dialog', { name: /^Licenses of / });
  await expect(holders).toBeVisible();
  await expect(page.getByRole('dialog', { name: /^Install / })).toHaveCount(0);
  const held = sandbox.assignmentsOf(location.id).filter((a) => a.adamId === someApp.adamId);
  const heldDownload = page.waitForEvent('download');
  await holders.getByRole('button', { name: 'Export CSV' }).click();
  const heldCsv = readFileSync((await (await heldDownload).path())!, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(heldCsv[0]).toBe('User,Email,Client user ID,Device,Serial number,Group');
  expect(heldCsv.slice(1).map((line) => line.split(',')[2] || line.split(',')[4]).sort()).toEqual(held.map((a) => a.clientUserId ?? a.serialNumber).sort());
  await holders.getByRole('button', { name: 'Close' }).click();
  await expect(licenses.getByLabel('Licenses rows')).toBeFocused();

  await report.getByLabel('Search apps and books').fill('');
  await expect(report.getByText(`${assets.length} rows`)).toBeVisible();

  const downloadPromise = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloadPromise;
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('Service,Name,Adam ID,Type,Pricing,Platforms,Device assignable,Total,Assigned,Available,Retired');
  expect(lines).toHaveLength(assets.length + 1);
  expect(csv).toContain(someApp.adamId);

  await report.getByRole('tab', { name: 'Users' }).click();
  await expect(report.getByRole('grid', { name: 'Apple users' })).toBeVisible();
  await expect(report.getByText(`${sandbox.usersOf(location.id).length} rows`)).toBeVisible();
  const someone = sandbox.usersOf(location.id).find((u) => u.email)!;
  await report.getByLabel('Search users').fill(someone.email!.toUpperCase());
  await expect(report.getByText('1 row')).toBeVisible();
  await expect(report.getByRole('grid', { name: 'Apple users' }).getByRole('row').nth(1)).toContainText(someone.email!);
  await report.getByLabel('Search users').fill('');

  // Apple goes away: the next call says so, and the report keeps working from the cache.
  const syncedText = await report.getByTestId(/^synced-/).textContent();
  await sandbox.close();
  await report.getByRole('button', { name: 'Sync District apps now' }).click();
  await expect(page.getByRole('status', { name: 'Offline' })).toBeVisible({ timeout: 30_000 });
  await expect(report.getByRole('alert')).toContainText('Last sync failed');
  await page.reload();
  await page.getByRole('tab', { name: 'Report' }).click();
  await expect(page.getByRole('status', { name: 'Offline' })).toBeVisible();
  await expect(page.getByTestId(/^synced-/)).toHaveText(syncedText!);
  await expect(page.getByText(`${assets.length} rows`)).toBeVisible();
  sandbox = await startAppleSandbox();
});

test('a sync Apple asks to wait shows on the sync panel when the next try is', async ({ page }) => {
  const location = sandbox.createLocation({ name: 'Springfield USD' });
  sandbox.generate(location.id, { seed: 2, apps: 3, users: 10, assignments: 20 });
  await createOrganization(page, app.url);
  const card = await addService(page, sandbox.mintToken(location.id));
  sandbox.injectFaults({ kind: 'unavailable', retryAfter: '600' }, { count: 1 });
  await card.getByRole('button', { name: 'Sync now' }).click();
  const report = page.getByRole('region', { name: 'Managed Distribution Report' });
  await expect(report.getByRole('status').filter({ hasText: 'Apple asked us to wait' })).toHaveText(/^Apple asked us to wait; the next try is at \d\d:\d\d$/);
  await report.getByRole('button', { name: 'Sync District apps now' }).click();
  await expect(report.getByRole('alert').first()).toContainText('Apple asked us to wait; the next try is at');
  await expect(report.getByTestId(/^synced-/)).toHaveText('never');
});
