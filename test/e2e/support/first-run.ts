import { expect, type Page } from '@playwright/test';

export const rootAdmin = { organization: 'Springfield District', name: 'Ada Admin', email: 'ada@springfield.edu', password: 'correct horse battery' };

/** The welcome form, filled in as an admin would on first run. */
export async function createOrganization(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Welcome to Managed Distribution' })).toBeVisible();
  await page.getByLabel('Organization name').fill(rootAdmin.organization);
  await page.getByLabel('Your name').fill(rootAdmin.name);
  await page.getByLabel('Email').fill(rootAdmin.email);
  await page.getByLabel('Password', { exact: true }).fill(rootAdmin.password);
  await page.getByLabel('Confirm password').fill(rootAdmin.password);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByLabel('Signed in as')).toHaveText(rootAdmin.name);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
