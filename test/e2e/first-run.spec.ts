import { expect, test, type Page } from '@playwright/test';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';

const admin = { organization: 'Springfield District', name: 'Ada Admin', email: 'ada@springfield.edu', password: 'correct horse battery' };

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

async function createOrganization(page: Page) {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Managed Distribution' })).toBeVisible();
  await page.getByLabel('Organization name').fill(admin.organization);
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(admin.password);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByLabel('Signed in as')).toHaveText(admin.name);
}

test('first run: create the organization, sign out, sign in, and find it all after a restart', async ({ page }) => {
  await createOrganization(page);
  await expect(page.getByRole('treeitem', { name: /Springfield District/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(admin.organization);
  // The key is taken out of the address bar once read.
  expect(page.url()).not.toContain('key=');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill('not my password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The email or password is not correct, or this account is disabled. Check both, or ask an organization admin to enable the account.',
  );
  await expect(page.getByLabel('Password')).toHaveValue('');

  await page.getByLabel('Password').fill(admin.password);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByLabel('Signed in as')).toHaveText(admin.name);

  await app.stop();
  app = await startBrowserMode(data.dir);
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText(admin.organization)).toBeVisible();
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('treeitem', { name: /Springfield District/ })).toBeVisible();
});

test('the welcome form explains each bad field and creates nothing', async ({ page }) => {
  await page.goto(app.url);
  await page.getByLabel('Organization name').fill('   ');
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Email').fill('ada-at-springfield');
  await page.getByLabel('Password', { exact: true }).fill('too short');
  await page.getByLabel('Confirm password').fill('too short');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByText('Enter the organization name.')).toBeVisible();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Organization name').fill(admin.organization);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill('            ');
  await page.getByLabel('Confirm password').fill('            ');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByText('A password needs letters, digits or symbols, not only spaces.')).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill('password1234');
  await page.getByLabel('Confirm password').fill('password1234');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByText('This password is among the most used and is tried first by attackers. Choose another', { exact: false })).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(`${admin.password}!`);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByText('The two passwords are not the same.')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Welcome to Managed Distribution' })).toBeVisible();
});

test('an API call without the key is refused with 401', async ({ request }) => {
  const headers = { 'Content-Type': 'application/json', 'X-Client-Id': '3f2a9c1e-1b2c-4d5e-8f90-123456789abc' };
  const refused = await request.post(`${app.origin}/api/app.status`, { headers, data: {} });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

  const allowed = await request.post(`${app.origin}/api/app.status`, { headers: { ...headers, Authorization: `Bearer ${app.key}` }, data: {} });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({ ok: true, value: { organizationName: null } });
});

test('the keyboard alone completes the welcome form', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByLabel('Organization name')).toBeFocused();
  await page.keyboard.type(admin.organization);
  for (const value of [admin.name, admin.email, admin.password, admin.password]) {
    await page.keyboard.press('Tab');
    await page.keyboard.type(value);
  }
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Signed in as')).toHaveText(admin.name);
  await expect(page.getByRole('treeitem', { name: /Springfield District/ })).toBeVisible();
});
