import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization, signIn } from './support/first-run';
import { callApi } from './support/page-api';

let data: ReturnType<typeof freshDataDir>;
let app: RunningApp;

test.beforeEach(async () => {
  data = freshDataDir();
  app = await startBrowserMode(data.dir);
});

test.afterEach(async () => {
  await app.stop();
  data.remove();
});

const bob = { name: 'Bob North', email: 'bob@springfield.edu', password: 'north high admin' };

async function openAdmins(page: Page) {
  await page.getByRole('tree').getByRole('treeitem', { name: /Springfield District/ }).click();
  await page.getByRole('tab', { name: 'Admins' }).click();
}

test("resetting an admin's password sends every tab of theirs back to the sign-in screen, saying why", async ({ page, context }) => {
  await createOrganization(page, app.url);
  await callApi(page, app, 'admins.create', { name: bob.name, email: bob.email, password: bob.password, directGroupIds: [1] });

  const bobTabs = [await context.newPage(), await context.newPage()];
  for (const tab of bobTabs) {
    await tab.goto(app.url);
    await signIn(tab, bob.email, bob.password);
    await expect(tab.getByLabel('Signed in as')).toHaveText(bob.name);
  }

  await openAdmins(page);
  await page.getByRole('button', { name: `Edit ${bob.name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${bob.name}` });
  // A common password is refused on its field, with the reason.
  await edit.getByLabel('New password (leave empty to keep)').fill('password1234');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByText('This password is among the most used and is tried first by attackers.', { exact: false })).toBeVisible();
  await edit.getByLabel('New password (leave empty to keep)').fill('violet kettle under rain');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();

  for (const tab of bobTabs) {
    await tab.getByRole('tab', { name: 'Devices' }).click();
    await expect(tab.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(tab.getByRole('status')).toHaveText('Your password was reset, so you were signed out everywhere. Sign in with the new password.');
  }
  await signIn(bobTabs[0]!, bob.email, 'violet kettle under rain');
  await expect(bobTabs[0]!.getByLabel('Signed in as')).toHaveText(bob.name);
  // The admin who reset it is still signed in.
  await page.getByRole('tab', { name: 'Users' }).click();
  await expect(page.getByLabel('Signed in as')).toHaveText('Ada Admin');
});

test('a disabled admin signing in is told the same as for a wrong password', async ({ page, context }) => {
  await createOrganization(page, app.url);
  const created = await callApi<{ id: number }>(page, app, 'admins.create', { name: bob.name, email: bob.email, password: bob.password, directGroupIds: [1] });
  await callApi(page, app, 'admins.setDisabled', { adminId: created.id, disabled: true });
  const tab = await context.newPage();
  await tab.goto(app.url);
  const refused = 'The email or password is not correct, or this account is disabled. Check both, or ask an organization admin to enable the account.';
  await signIn(tab, bob.email, bob.password);
  await expect(tab.getByRole('alert')).toHaveText(refused);
  await signIn(tab, bob.email, 'not his password');
  await expect(tab.getByRole('alert')).toHaveText(refused);
});

test('an organization admin sets how long an unused window stays signed in', async ({ page }) => {
  await createOrganization(page, app.url);
  await page.getByRole('banner').getByRole('button', { name: 'Settings', exact: true }).click();
  const section = page.getByRole('form', { name: 'Signing in settings' });
  const hours = section.getByLabel('Sign out after this many hours without activity');
  await expect(hours).toHaveValue('8');
  await hours.fill('0');
  await section.getByRole('button', { name: 'Save signing-in settings' }).click();
  await expect(section.getByText('Use at least 1 hour.')).toBeVisible();
  await hours.fill('2');
  await section.getByRole('button', { name: 'Save signing-in settings' }).click();
  await expect(section.getByRole('status')).toHaveText('Signing-in settings saved.');

  await page.reload();
  await page.getByRole('banner').getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Signing in settings' }).getByLabel('Sign out after this many hours without activity')).toHaveValue('2');
  const audit = await callApi<{ rows: { action: string; details: string }[] }>(page, app, 'audit.list', { action: 'settings.sessions' });
  expect(audit.rows.map((r) => [r.action, JSON.parse(r.details)])).toEqual([['settings.sessions', { idleHours: { from: 8, to: 2 } }]]);
});
