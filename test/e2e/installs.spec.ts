import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { startAppleSandbox, type AppleSandbox } from '../../main/apple/sandbox/apple-sandbox';
import { startFakeNanoMdm, type FakeNanoMdm } from '../support/fake-nanomdm';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization } from './support/first-run';
import { callApi } from './support/page-api';

let data: ReturnType<typeof freshDataDir>;
let app: RunningApp;
let sandbox: AppleSandbox;
let mdm: FakeNanoMdm;

test.beforeEach(async () => {
  sandbox = await startAppleSandbox();
  // NanoMDM on its default storage knows iPad 1 only: iPad 2 has not enrolled yet.
  mdm = await startFakeNanoMdm({ enrolled: ['UDID-3B-1'] });
  data = freshDataDir();
  app = await startBrowserMode(data.dir, { MD_APPLE_BASE_URL: sandbox.baseUrl, MD_AUTO_SYNC: '0' });
});

test.afterEach(async () => {
  await app.stop();
  await mdm.close();
  await sandbox.close();
  data.remove();
});


const APP = '409201541';

/** A class with iPads, a service whose token holds Pages, synced; the MDM server only when asked. */
async function classWithPages(page: Page, options: { mdm: boolean }) {
  const location = sandbox.createLocation({ name: 'Springfield Location' });
  sandbox.addAsset(
    location.id,
    { adamId: APP, pricingParam: 'STDQ', productType: 'App', totalCount: 30, deviceAssignable: true, revocable: true, supportedPlatforms: ['iOS'] },
    { name: 'Pages', kind: 'software', bundleId: 'com.apple.Pages', supportedDevices: ['iPadPro-iPadPro'] },
  );
  await createOrganization(page, app.url);

  const klass = await callApi<{ id: number }>(page, app, 'groups.create', { parentId: 1, name: 'Class 3B', kind: 'class' });
  const ipad = (n: number, osVersion: string, supervised = true) =>
    callApi(page, app, 'devices.create', { serialNumber: `DMPCLASS${n}00`, name: `3B iPad ${n}`, platform: 'iPadOS', osVersion, supervised, udid: `UDID-3B-${n}`, homeGroupId: klass.id });
  await ipad(1, '17.4');
  await ipad(2, '16.7', false);
  await ipad(3, '6.1.3');
  const service = await callApi<{ id: number }>(page, app, 'services.create', { groupId: 1, name: 'District apps' });
  await callApi(page, app, 'tokens.add', { serviceId: service.id, token: sandbox.mintToken(location.id), makeActive: true, checkId: randomUUID() });
  if (options.mdm) await callApi(page, app, 'mdm.saveSettings', { baseUrl: mdm.baseUrl, apiKey: mdm.apiKey });
  const sync = await callApi<{ id: string }>(page, app, 'sync.start', { serviceId: service.id });
  await expect.poll(async () => (await callApi<{ state: string }>(page, app, 'jobs.get', { jobId: sync.id })).state).toBe('succeeded');

  await page.reload();
  await page.getByRole('tree', { name: 'Organization' }).getByRole('treeitem', { name: /Class 3B/ }).click();
  await page.getByRole('tab', { name: 'Report' }).click();
  const report = page.getByRole('region', { name: 'Managed Distribution Report' });
  const licenses = report.getByRole('grid', { name: 'Licenses' });
  await expect(licenses.getByRole('row').nth(1)).toContainText('Pages');
  await licenses.getByRole('row').nth(1).click();
  const holders = page.getByRole('dialog', { name: 'Licenses of Pages' });
  await holders.getByRole('button', { name: 'Install…' }).click();
  return { location, report, licenses, holders, install: page.getByRole('dialog', { name: 'Install Pages' }) };
}

test('install an app on a class’s iPads from the report', async ({ page }) => {
  test.setTimeout(150_000);
  const { report, licenses, holders, install } = await classWithPages(page, { mdm: true });
  await expect(install.getByLabel('Token')).toContainText('District apps');
  // User-based first: none of these iPads belongs to anybody.
  await install.getByLabel('Users of the devices').check();
  await install.getByRole('button', { name: 'Preview' }).click();
  const preview = install.getByRole('table', { name: 'Install preview' });
  await expect(preview.getByRole('row', { name: /3B iPad 1/ })).toContainText('No user is associated with this device');
  await expect(preview.getByRole('row', { name: /3B iPad 3/ })).toContainText('use redemption codes');

  await install.getByLabel('Devices', { exact: true }).check();
  await install.getByRole('button', { name: 'Preview' }).click();
  await expect(install.getByRole('status').first()).toContainText('3 devices: 2 to install, 0 license only, 1 not installed');
  await expect(preview.getByRole('row', { name: /3B iPad 2/ })).toContainText('will be asked to accept');
  await expect(preview.getByRole('row', { name: /3B iPad 3/ })).toContainText('Not installed');
  await install.getByRole('button', { name: 'Install' }).click();

  await expect(install.getByRole('progressbar')).toBeVisible();
  await expect(install.getByText(/ of \d+ licenses and install commands \(/)).toBeVisible();
  await expect(install.getByText(/Finished: 2 licensed, 1 install commands sent, 1 queued but not reached, 0 failed/)).toBeVisible({ timeout: 90_000 });
  const results = install.getByRole('table', { name: 'Install results' });
  await expect(results.getByRole('row')).toHaveCount(3);
  await expect(results.getByRole('row', { name: /3B iPad 1/ })).toContainText('Sent to the device');
  await expect(results.getByRole('row', { name: /3B iPad 2/ })).toContainText('Queued, not reached: push data missing for id.');
  expect(mdm.enqueues.flatMap((e) => e.ids).sort()).toEqual(['UDID-3B-1', 'UDID-3B-2']);

  // iPad 2 enrolls; Retry wakes it for the command already queued, without a second one.
  mdm.enroll('UDID-3B-2');
  const commandsBefore = mdm.commandEnqueues().length;
  await install.getByRole('button', { name: 'Wake devices not reached' }).click();
  await expect(install.getByText(/Finished: 2 licensed, 2 install commands sent, 0 queued but not reached, 0 failed/)).toBeVisible({ timeout: 30_000 });
  await expect(results.getByRole('row', { name: /3B iPad 2/ })).toContainText('Sent to the device');
  expect(mdm.pushes.map((p) => p.ids)).toEqual([['UDID-3B-2']]);
  expect(mdm.commandEnqueues()).toHaveLength(commandsBefore);
  await install.getByRole('button', { name: 'Close' }).click();
  await expect(holders.getByRole('region', { name: 'Recent installs' })).toContainText('Finished');
  await holders.getByRole('button', { name: 'Close' }).click();

  await report.getByRole('button', { name: 'Sync District apps now' }).click();
  await expect(licenses.getByRole('row').nth(1)).toContainText(/Pages.*28/);
  await page.screenshot({ path: 'test-results/installs-after-sync.png', fullPage: true });
});

test('an install with no MDM server set spends no license until the admin chooses licenses only', async ({ page }) => {
  test.setTimeout(150_000);
  const { location, install } = await classWithPages(page, { mdm: false });
  await install.getByLabel('Devices', { exact: true }).check();
  await install.getByRole('button', { name: 'Preview' }).click();
  const warning = install.getByRole('alert').filter({ hasText: 'No MDM server is set up yet. A direct admin of the organization enters its address and API key in Settings.' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Nothing is asked of Apple until the install commands can be delivered');
  await expect(install.getByRole('button', { name: 'Install' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/installs-no-mdm.png', fullPage: true });
  expect(sandbox.recordedRequests().filter((r) => r.path === '/assets/associate')).toEqual([]);
  expect(sandbox.assignmentsOf(location.id)).toEqual([]);

  await install.getByLabel('Assign licenses only').check();
  await install.getByRole('button', { name: 'Preview' }).click();
  await expect(warning).toHaveCount(0);
  const preview = install.getByRole('table', { name: 'Install preview' });
  await expect(preview.getByRole('row', { name: /3B iPad 1/ })).toContainText('License only, as chosen');
  await install.getByRole('button', { name: 'Install' }).click();
  await expect(install.getByText(/Finished: 2 licensed, 0 install commands sent, 0 queued but not reached, 0 failed/)).toBeVisible({ timeout: 90_000 });
  expect(sandbox.assignmentsOf(location.id).map((a) => a.serialNumber).sort()).toEqual(['DMPCLASS100', 'DMPCLASS200']);
  expect(mdm.enqueues).toEqual([]);
});

test('a second Install of the app on the same iPads while one runs is refused, and opens the running one', async ({ page }) => {
  test.setTimeout(150_000);
  const { install } = await classWithPages(page, { mdm: true });
  const tokens = await callApi<{ tokenId: number }[]>(page, app, 'services.usableTokens', { groupId: 1 });
  const klass = (await callApi<{ id: number; name: string }[]>(page, app, 'groups.tree', {})).find((g) => g.name === 'Class 3B')!;
  // Another window started the same install a moment ago. Apple's licensing takes a while (the
  // app asks again after its 30-second poll), so that run is still going.
  sandbox.setEventDelayMs(20_000);
  const first = await callApi<{ runId: string }>(page, app, 'installs.start', { groupId: klass.id, tokenId: tokens[0]!.tokenId, adamId: APP, pricing: 'STDQ', kind: 'device', target: 'group' });

  await install.getByLabel('Devices', { exact: true }).check();
  await install.getByRole('button', { name: 'Preview' }).click();
  await install.getByRole('button', { name: 'Install' }).click();
  await expect(install.getByRole('alert').first()).toHaveText(
    /^This app is already being installed on some of these devices by a run started at \d\d:\d\d by Ada Admin\. Open that install to follow it, or to resume it if it was interrupted, or try again once it has ended\.$/,
  );
  await install.getByRole('button', { name: 'Open the running one' }).click();
  await expect(install.getByRole('progressbar')).toBeVisible();
  await expect(install.getByRole('button', { name: 'Cancel install' })).toBeVisible();
  await expect(install.getByText(/Finished: 2 licensed, 1 install commands sent, 1 queued but not reached, 0 failed/)).toBeVisible({ timeout: 90_000 });
  await page.screenshot({ path: 'test-results/installs-running-one.png', fullPage: true });
  expect(mdm.commandEnqueues().flatMap((e) => e.ids).sort()).toEqual(['UDID-3B-1', 'UDID-3B-2']);
  expect(sandbox.recordedRequests().filter((r) => r.path === '/assets/associate').flatMap((r) => (r.body as { serialNumbers?: string[] }).serialNumbers ?? []).sort()).toEqual(['DMPCLASS100', 'DMPCLASS200']);
  expect((await callApi<{ run: { runId: string } }>(page, app, 'installs.results', { runId: first.runId })).run.runId).toBe(first.runId);
});
