import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { AppleClient } from '../../main/apple/client/apple-client';
import { startAppleSandbox, type AppleSandbox } from '../../main/apple/sandbox/apple-sandbox';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization, signIn } from './support/first-run';
import { callApi } from './support/page-api';

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

const APP = '361309726';
const TEACHER = { name: 'Tess Teacher', email: 'tess@springfield.edu', password: 'a long enough password' };

async function csvOf(page: Page, click: () => Promise<void>): Promise<string[]> {
  const download = page.waitForEvent('download');
  await click();
  return readFileSync((await (await download).path())!, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
}

test('an admin of two classes sees only the people of the class they are at, in the report and its exports', async ({ page }) => {
  test.setTimeout(120_000);
  const location = sandbox.createLocation({ name: 'Springfield Location' });
  // Apple users and licenses of people who are not in this directory at all.
  sandbox.generate(location.id, { seed: 3, apps: 4, users: 40, assignments: 60 });
  sandbox.addAsset(location.id, { adamId: APP, pricingParam: 'STDQ', productType: 'App', totalCount: 50, deviceAssignable: true, revocable: true, supportedPlatforms: ['iOS'] }, { name: 'Keynote', kind: 'software', bundleId: 'com.apple.Keynote', supportedDevices: ['iPadPro-iPadPro'] });

  await createOrganization(page, app.url);
  const group = (parentId: number, name: string, kind: string) => callApi<{ id: number }>(page, app, 'groups.create', { parentId, name, kind });
  const north = await group(1, 'North Elementary', 'school');
  const south = await group(1, 'South Middle', 'school');
  const class5a = await group(north.id, 'Class 5A', 'class');
  const class5b = await group(north.id, 'Class 5B', 'class');
  const class5c = await group(north.id, 'Class 5C', 'class');
  const class6a = await group(south.id, 'Class 6A', 'class');
  const people = [
    { name: 'Ann Alder', homeGroupId: class5a.id },
    { name: 'Ben Brook', homeGroupId: class5b.id },
    { name: 'Cal Crane', homeGroupId: class5c.id },
    { name: 'Sam Stone', homeGroupId: class6a.id },
    { name: 'Nia North', homeGroupId: north.id },
  ];
  for (const person of people) {
    const email = `${person.name.split(' ')[0]!.toLowerCase()}@springfield.edu`;
    await callApi(page, app, 'users.create', { name: person.name, email, managedAppleId: null, role: 'student', gradeLevel: null, externalId: null, homeGroupId: person.homeGroupId });
  }
  const service = await callApi<{ id: number }>(page, app, 'services.create', { groupId: 1, name: 'District apps' });
  const sToken = sandbox.mintToken(location.id);
  await callApi(page, app, 'tokens.add', { serviceId: service.id, token: sToken, makeActive: true, checkId: randomUUID() });

  // Every one of them is an Apple user holding a Keynote license, registered as another MDM would.
  const db = new Database(join(data.dir, 'managed-distribution.sqlite'), { readonly: true });
  const directory = db.prepare('SELECT client_user_id AS clientUserId, email FROM users').all() as { clientUserId: string; email: string }[];
  db.close();
  const apple = new AppleClient({ token: sToken, baseUrl: sandbox.baseUrl, sleep: async () => undefined, events: { pollIntervalMs: 1 } });
  await apple.waitForEvent(await apple.createUsers(directory.map((u) => ({ clientUserId: u.clientUserId, email: u.email }))));
  await apple.waitForEvent(await apple.associate({ assets: [{ adamId: APP, pricingParam: 'STDQ' }], clientUserIds: directory.map((u) => u.clientUserId) }));
  const sync = await callApi<{ id: string }>(page, app, 'sync.start', { serviceId: service.id });
  await expect.poll(async () => (await callApi<{ state: string }>(page, app, 'jobs.get', { jobId: sync.id })).state).toBe('succeeded');
  const appleUsers = sandbox.usersOf(location.id).length;

  await callApi(page, app, 'admins.create', { name: TEACHER.name, email: TEACHER.email, directGroupIds: [class5a.id, class5b.id], password: TEACHER.password });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, TEACHER.email, TEACHER.password);
  await expect(page.getByLabel('Signed in as')).toHaveText(TEACHER.name);

  const tree = page.getByRole('tree', { name: 'Organization' });
  await expect(tree.getByRole('treeitem')).toHaveCount(2);
  await tree.getByRole('treeitem', { name: /Class 5A/ }).click();
  await page.getByRole('tab', { name: 'Report' }).click();
  const report = page.getByRole('region', { name: 'Managed Distribution Report' });
  // The district's service reaches the class, but its sync is the district admins' to start.
  await expect(report.getByRole('region', { name: 'Sync' })).toContainText('Synced by the admins of Springfield District');
  await expect(report.getByRole('button', { name: 'Sync District apps now' })).toHaveCount(0);

  // The title's counts are the location's; who holds them is this class only.
  const licenses = report.getByRole('grid', { name: 'Licenses' });
  await licenses.getByRole('row', { name: /Keynote/ }).click();
  const holders = page.getByRole('dialog', { name: 'Licenses of Keynote' });
  await expect(holders.getByText('5 assigned · 4 of them held by people outside Class 5A, not listed here')).toBeVisible();
  const held = holders.getByRole('grid', { name: 'Assignments' });
  await expect(held.getByRole('row')).toHaveCount(2);
  await expect(held.getByRole('row').nth(1)).toContainText('Ann Alder');
  await page.screenshot({ path: test.info().outputPath('two-class-admin-holders.png') });
  const heldCsv = await csvOf(page, () => holders.getByRole('button', { name: 'Export CSV' }).click());
  expect(heldCsv).toHaveLength(2);
  expect(heldCsv[1]).toContain('Ann Alder');
  await holders.getByRole('button', { name: 'Close' }).click();

  // A title only people elsewhere hold: counted, and the list says nobody here holds it.
  const elsewhere = sandbox.assetsOf(location.id).find((a) => a.adamId !== APP && a.assignedCount > 0)!;
  await report.getByLabel('Search apps and books').fill(elsewhere.adamId);
  await expect(report.getByText('1 row')).toBeVisible();
  await licenses.getByRole('row').nth(1).click();
  const others = page.getByRole('dialog', { name: /^Licenses of / });
  await expect(others).toContainText(`${elsewhere.assignedCount} of them held by people outside Class 5A, not listed here`);
  await expect(others).toContainText('Nobody at or below Class 5A holds a license of this title.');
  await others.getByRole('button', { name: 'Close' }).click();
  await report.getByLabel('Search apps and books').fill('');

  await report.getByRole('tab', { name: 'Users' }).click();
  const users = report.getByRole('grid', { name: 'Apple users' });
  await expect(report.getByText('1 row')).toBeVisible();
  await expect(users.getByRole('row').nth(1)).toContainText('Ann Alder');
  await expect(users.getByText('Not in this directory')).toHaveCount(0);
  await report.getByLabel('Search users').fill('Sam');
  await expect(report.getByText('0 rows')).toBeVisible();
  await report.getByLabel('Search users').fill('');
  await expect(report.getByText('1 row')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('two-class-admin-users.png') });
  const usersCsv = await csvOf(page, () => report.getByRole('button', { name: 'Export CSV' }).click());
  expect(usersCsv).toHaveLength(2);
  expect(usersCsv[1]).toContain('Ann Alder');
  expect(usersCsv.join('\n')).not.toMatch(/Ben Brook|Cal Crane|Sam Stone|Nia North/);

  // The other class the admin runs shows its own person, and only them.
  await tree.getByRole('treeitem', { name: /Class 5B/ }).click();
  await page.getByRole('tab', { name: 'Report' }).click();
  await report.getByRole('tab', { name: 'Users' }).click();
  await expect(report.getByText('1 row')).toBeVisible();
  await expect(users.getByRole('row').nth(1)).toContainText('Ben Brook');

  // The district's admin still sees every Apple user of the location, the unmatched included.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'ada@springfield.edu', 'correct horse battery');
  await tree.getByRole('treeitem', { name: /Springfield District/ }).click();
  await page.getByRole('tab', { name: 'Report' }).click();
  await report.getByRole('tab', { name: 'Users' }).click();
  await expect(report.getByText(`${appleUsers} rows`)).toBeVisible();
});
