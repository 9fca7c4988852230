import { expect, test, type Page } from '@playwright/test';
import { startAppleSandbox, type AppleSandbox } from '../../main/apple/sandbox/apple-sandbox';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization, rootAdmin, signIn } from './support/first-run';
import { callApi } from './support/page-api';

let data: ReturnType<typeof freshDataDir>;
let app: RunningApp;
let sandbox: AppleSandbox;

test.beforeEach(async () => {
  sandbox = await startAppleSandbox();
  data = freshDataDir();
  app = await startBrowserMode(data.dir, { MD_APPLE_BASE_URL: sandbox.baseUrl });
});

test.afterEach(async () => {
  await app.stop();
  await sandbox.close();
  data.remove();
});

const tree = (page: Page) => page.getByRole('tree', { name: 'Organization' });
const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });
const card = (page: Page, name: string) => page.getByRole('article', { name });

async function createGroup(page: Page, name: string) {
  await page.getByRole('button', { name: 'New group…' }).click();
  const d = dialog(page, /New group in/);
  await d.getByLabel('Name').fill(name);
  await d.getByLabel('Kind').selectOption({ label: 'School' });
  await d.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

async function makeDirectAdminOf(page: Page, groupName: string) {
  await tree(page).getByRole('treeitem', { name: /Springfield District/ }).click();
  await page.getByRole('tab', { name: 'Admins' }).click();
  await page.getByRole('button', { name: `Edit ${rootAdmin.name}` }).click();
  const d = dialog(page, `Edit ${rootAdmin.name}`);
  await d.getByRole('checkbox', { name: new RegExp(groupName) }).check();
  await d.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('row', { name: new RegExp(rootAdmin.name) })).toContainText(groupName);
}

async function createService(page: Page, name: string) {
  await page.getByLabel('New Managed Distribution service').fill(name);
  await page.getByRole('button', { name: 'Create Service' }).click();
  await expect(card(page, name)).toBeVisible();
}

async function addToken(page: Page, service: string, token: string, makeActive: boolean) {
  await card(page, service).getByRole('button', { name: 'Add Token' }).click();
  const d = dialog(page, `Add token to ${service}`);
  await d.getByLabel('Service token').fill(token);
  await d.getByLabel('Make Active').setChecked(makeActive);
  await d.getByRole('button', { name: 'Add Token' }).click();
  return d;
}

test('services, Add Token with Make Active, garbage refused, View Token reveal, and who may use the token', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const location = sandbox.createLocation({ name: 'North High Location', orgName: 'Springfield SD' });
  await createOrganization(page, app.url);
  await createGroup(page, 'North High');
  await tree(page).getByRole('treeitem', { name: /Springfield District/ }).click();
  await createGroup(page, 'South High');
  await makeDirectAdminOf(page, 'North High');

  await tree(page).getByRole('treeitem', { name: /North High/ }).click();
  await page.getByRole('tab', { name: 'Managed Distribution' }).click();
  await createService(page, 'North apps');
  await createService(page, 'North books');

  const garbage = await addToken(page, 'North apps', 'definitely not a token!', true);
  await expect(garbage.getByRole('alert')).toHaveText('The token is not valid: it must be the Base64 text of the .vpptoken file, pasted whole.');
  await expect(garbage.getByLabel('Service token')).toHaveAttribute('aria-invalid', 'true');
  await garbage.getByRole('button', { name: 'Cancel' }).click();
  await expect(card(page, 'North apps')).toContainText('No active token');

  const sToken = sandbox.mintToken(location.id);
  const added = await addToken(page, 'North apps', sToken, true);
  await expect(added).toBeHidden();
  await expect(card(page, 'North apps')).toContainText('Active token: Valid');
  await expect(card(page, 'North apps')).toContainText('Apple location: North High Location');

  await card(page, 'North apps').getByRole('button', { name: 'View Token' }).click();
  const view = dialog(page, 'Token of North apps');
  await expect(view).toContainText('Springfield SD');
  await expect(view.getByTestId('token-secret')).not.toContainText(sToken.slice(0, 20));
  await view.getByRole('button', { name: 'Reveal' }).click();
  await expect(view.getByTestId('token-secret')).toHaveText(sToken);
  await view.getByRole('button', { name: 'Copy' }).click();
  await expect(view.getByRole('status')).toHaveText('The token was copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sToken);
  await view.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('token-secret')).toHaveCount(0);
  expect(await page.content()).not.toContain(sToken.slice(0, 40));

  await page.getByRole('button', { name: 'Audit log' }).click();
  await page.getByLabel('Action').selectOption('token.reveal');
  const entries = page.getByRole('table', { name: 'Audit entries' });
  await expect(entries.getByRole('row')).toHaveCount(2);
  await expect(entries.getByRole('row').nth(1)).toContainText('Ada Admin');
  await expect(entries).not.toContainText(sToken.slice(0, 40));
  await page.getByLabel('Action').selectOption('');
  await page.getByLabel('Admin').selectOption({ label: 'Ada Admin' });
  await expect(entries.getByRole('row').nth(1)).toContainText('Ada Admin');
  for (const row of (await entries.getByRole('row').all()).slice(1)) await expect(row).toContainText('Ada Admin');
  await page.getByRole('button', { name: 'Audit log' }).click();

  // A second admin, direct admin of the organization but not of North High: sees the North
  // service, but may not use its token at North High, nor at a sibling school.
  await tree(page).getByRole('treeitem', { name: /Springfield District/ }).click();
  await page.getByRole('tab', { name: 'Admins' }).click();
  await page.getByRole('button', { name: 'Add admin…' }).click();
  const addAdmin = dialog(page, 'Add admin');
  await addAdmin.getByLabel('Name').fill('Dee District');
  await addAdmin.getByLabel('Email').fill('dee@springfield.edu');
  await addAdmin.getByLabel('Password').fill('district admin pw');
  await addAdmin.getByRole('button', { name: 'Add admin' }).click();
  await expect(page.getByRole('row', { name: /Dee District/ })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'dee@springfield.edu', 'district admin pw');
  await tree(page).getByRole('treeitem', { name: /North High/ }).click();
  await page.getByRole('tab', { name: 'Managed Distribution' }).click();
  const north = card(page, 'North apps');
  await expect(north.getByRole('note')).toHaveText(/You cannot use this token here: only a direct admin of North High may use it/);
  await expect(north.getByRole('button', { name: 'Add Token' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/distribution-district-admin.png', fullPage: true });
  await north.getByRole('button', { name: 'View Token' }).click();
  await expect(dialog(page, 'Token of North apps')).toContainText('Only a direct admin of North High can reveal this token.');
  await dialog(page, 'Token of North apps').getByRole('button', { name: 'Close' }).click();

  const usableAt = (groupId: number) => callApi<unknown[]>(page, app, 'services.usableTokens', { groupId });
  expect(await usableAt(2)).toEqual([]);
  expect(await usableAt(3)).toEqual([]);
});

test('an expiring token shows a banner with the days left', async ({ page }) => {
  const location = sandbox.createLocation({ name: 'District Location' });
  await createOrganization(page, app.url);
  await page.getByRole('tab', { name: 'Managed Distribution' }).click();
  await createService(page, 'District apps');
  const token = sandbox.mintToken(location.id, { expiresAt: new Date(Date.now() + 10 * 86_400_000 - 60_000) });
  await addToken(page, 'District apps', token, true);
  const added = dialog(page, 'Token added to District apps');
  await expect(added.getByRole('alert')).toContainText('(in 10 days)');
  await added.getByRole('button', { name: 'Close' }).click();
  await expect(card(page, 'District apps').getByRole('alert')).toContainText('in 10 days');
  await expect(card(page, 'District apps')).toContainText('Active token: Expiring soon');
});

test('a revoked token shows the revocation error after the next call to Apple', async ({ page }) => {
  const location = sandbox.createLocation({ name: 'District Location' });
  await createOrganization(page, app.url);
  await page.getByRole('tab', { name: 'Managed Distribution' }).click();
  await createService(page, 'District apps');
  const token = sandbox.mintToken(location.id);
  await addToken(page, 'District apps', token, true);
  await expect(card(page, 'District apps')).toContainText('Active token: Valid');
  sandbox.revokeToken(token);
  await card(page, 'District apps').getByRole('button', { name: 'Check with Apple' }).click();
  await expect(card(page, 'District apps').getByRole('alert').first()).toContainText('Error: The sToken has been revoked');
  await expect(card(page, 'District apps')).toContainText('Active token: Revoked');
});

test('Apple refusing a token once leaves it in use and the card says what happened; twice in a row marks it invalid, with both times', async ({ page }) => {
  test.setTimeout(60_000);
  const location = sandbox.createLocation({ name: 'District Location' });
  await createOrganization(page, app.url);
  await page.getByRole('tab', { name: 'Managed Distribution' }).click();
  await createService(page, 'District apps');
  await addToken(page, 'District apps', sandbox.mintToken(location.id), true);
  const district = card(page, 'District apps');
  await expect(district).toContainText('Active token: Valid');
  const notValid = { kind: 'error-body' as const, errorNumber: 9622, httpStatus: 401 };
  const time = String.raw`\d\d:\d\d(?:\s[AP]M)?`;

  // Apple asked again a few seconds later accepts the token: it stays valid.
  sandbox.injectFaults(notValid, { path: '/client/config' });
  await district.getByRole('button', { name: 'Check with Apple' }).click();
  await expect(district.getByRole('status', { name: 'Apple refused the token' })).toHaveText(
    new RegExp(`^Apple refused this token once at ${time}; asked again at ${time}, it accepted it, so the token stays in use\\.`),
    { timeout: 20_000 },
  );
  await expect(district).toContainText('Active token: Valid');

  sandbox.injectFaults(notValid, { path: '/client/config', count: 2 });
  await district.getByRole('button', { name: 'Check with Apple' }).click();
  await expect(district.getByRole('alert').first()).toHaveText(
    new RegExp(`^Apple refused this token at ${time} and again at ${time}: it is invalid\\. Download the token again from Apple School Manager and add it here\\.$`),
    { timeout: 20_000 },
  );
  await expect(district).toContainText('Active token: Invalid');
  await page.screenshot({ path: 'test-results/token-refused-twice.png', fullPage: true });
});

test('a location another MDM manages is taken over only after asking; a later takeover by another MDM marks the service', async ({ page }) => {
  const location = sandbox.createLocation({ name: 'District Location' });
  sandbox.setForeignMdm(location.id, { id: 'jamf-1', name: 'Jamf School', metadata: '3.2' });
  await createOrganization(page, app.url);
  await page.getByRole('tab', { name: 'Managed Distribution' }).click();
  await createService(page, 'District apps');
  await addToken(page, 'District apps', sandbox.mintToken(location.id), true);

  const ask = dialog(page, 'Take over this location?');
  await expect(ask.getByRole('alert')).toHaveText('Apple says Jamf School manages this location. Take it over?');
  await expect(card(page, 'District apps')).toContainText('No active token');
  expect(sandbox.mdmInfoOf(location.id)).toMatchObject({ id: 'jamf-1' });
  await ask.getByRole('button', { name: 'Take over' }).click();
  await expect(ask).toBeHidden();
  await expect(card(page, 'District apps')).toContainText('Active token: Valid');
  expect(sandbox.mdmInfoOf(location.id)).toMatchObject({ name: 'Managed Distribution desktop' });
  await expect(card(page, 'District apps').getByRole('status')).toHaveCount(0);

  sandbox.setForeignMdm(location.id, { id: 'mosyle-1', name: 'Mosyle Manager', metadata: '1.0' });
  await card(page, 'District apps').getByRole('button', { name: 'Check with Apple' }).click();
  await expect(card(page, 'District apps').getByRole('status')).toContainText('Apple says Mosyle Manager now manages this location');
  await page.screenshot({ path: 'test-results/distribution-other-mdm.png', fullPage: true });

  await card(page, 'District apps').getByRole('button', { name: 'Take the location back…' }).click();
  const back = dialog(page, 'Take over this location?');
  await expect(back.getByRole('alert')).toHaveText('Apple says Mosyle Manager manages this location. Take it over?');
  await back.getByRole('button', { name: 'Take over' }).click();
  await expect(back).toBeHidden();
  await expect(card(page, 'District apps').getByRole('status')).toHaveCount(0);
  expect(sandbox.mdmInfoOf(location.id)).toMatchObject({ name: 'Managed Distribution desktop' });

  await page.getByRole('button', { name: 'Audit log' }).click();
  await page.getByLabel('Action').selectOption('token.takeOver');
  await expect(page.getByRole('table', { name: 'Audit entries' }).getByRole('row')).toHaveCount(3);
});
