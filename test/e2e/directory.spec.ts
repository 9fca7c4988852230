import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization, rootAdmin, signIn } from './support/first-run';

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

const tree = (page: Page) => page.getByRole('tree', { name: 'Organization' });
const dialog = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });

async function createGroup(page: Page, name: string, kind: string) {
  await page.getByRole('button', { name: 'New group…' }).click();
  const d = dialog(page, /New group in/);
  await d.getByLabel('Name').fill(name);
  await d.getByLabel('Kind').selectOption({ label: kind });
  await d.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

test('a school admin sees only their school, and a device is associated with a user', async ({ page }) => {
  await createOrganization(page, app.url);
  await createGroup(page, 'North High', 'School');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toHaveText(/Springfield District.*North High/);

  await tree(page).getByRole('treeitem', { name: /Springfield District/ }).click();
  await createGroup(page, 'South High', 'School');

  await tree(page).getByRole('treeitem', { name: /North High/ }).click();
  await page.getByRole('tab', { name: 'Admins' }).click();
  await page.getByRole('button', { name: 'Add admin…' }).click();
  const addAdmin = dialog(page, 'Add admin');
  await addAdmin.getByLabel('Name').fill('Bob North');
  await addAdmin.getByLabel('Email').fill('bob@springfield.edu');
  await addAdmin.getByLabel('Password').fill('north high admin');
  await expect(addAdmin.getByRole('checkbox', { name: /North High/ })).toBeChecked();
  await addAdmin.getByRole('button', { name: 'Add admin' }).click();
  await expect(page.getByRole('row', { name: /Bob North/ })).toContainText('North High');

  await page.getByRole('tab', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Add user…' }).click();
  const addUser = dialog(page, 'Add user');
  await addUser.getByLabel('Name').fill('Zoë Park');
  await addUser.getByLabel('Email').fill('zoe.park@springfield.edu');
  await addUser.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('grid', { name: 'Users' }).getByRole('row', { name: /Zoë Park/ })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'bob@springfield.edu', 'north high admin');
  await expect(page.getByLabel('Signed in as')).toHaveText('Bob North');
  await expect(tree(page).getByRole('treeitem')).toHaveCount(1);
  await expect(tree(page).getByRole('treeitem', { name: /North High/ })).toBeVisible();
  await expect(tree(page)).not.toContainText('South High');
  await expect(tree(page)).not.toContainText('Springfield District');

  await page.getByRole('tab', { name: 'Devices' }).click();
  await page.getByRole('button', { name: 'Add device…' }).click();
  const addDevice = dialog(page, 'Add device');
  await addDevice.getByLabel('Serial number').fill('dmpxk1abc001');
  await addDevice.getByLabel('Device name').fill('Cart A 01');
  await addDevice.getByLabel('OS version').fill('17.4');
  await addDevice.getByRole('button', { name: 'Add device' }).click();
  const devices = page.getByRole('grid', { name: 'Devices' });
  await expect(devices.getByRole('row', { name: /DMPXK1ABC001/ })).toBeVisible();

  await devices.getByRole('button', { name: 'Assign DMPXK1ABC001' }).click();
  const assign = dialog(page, 'Assign Cart A 01');
  await assign.getByLabel('Search users').fill('zoë');
  await assign.getByRole('option', { name: /Zoë Park/ }).click();
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(devices.getByRole('row', { name: /DMPXK1ABC001/ })).toContainText('Zoë Park');
  await page.getByRole('tab', { name: 'Users' }).click();
  await expect(page.getByRole('grid', { name: 'Users' }).getByRole('row', { name: /Zoë Park/ })).toContainText('1');
  await page.screenshot({ path: 'test-results/directory-school-admin.png' });
});

test('deleting a group that still holds users is refused with what is inside', async ({ page }) => {
  await createOrganization(page, app.url);
  await createGroup(page, 'North High', 'School');
  await page.getByRole('button', { name: 'Add user…' }).click();
  const addUser = dialog(page, 'Add user');
  await addUser.getByLabel('Name').fill('Ana Ruiz');
  await addUser.getByRole('button', { name: 'Add user' }).click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  const confirm = dialog(page, 'Delete North High?');
  await confirm.getByRole('button', { name: 'Delete group' }).click();
  await expect(confirm.getByRole('alert')).toHaveText('"North High" still has 1 user. Move or delete them first.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(tree(page).getByRole('treeitem', { name: /North High/ })).toBeVisible();
  expect(rootAdmin.name).toBe('Ada Admin');
});
