import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization } from './support/first-run';

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

// No SMTP password here: browser mode keeps it in the keychain every spec of a run shares,
// and the Settings spec expects to find none stored.
test('an organization admin downloads diagnostics from Settings, without the SMTP login in it', async ({ page }) => {
  await createOrganization(page, app.url);
  await page.getByRole('banner').getByRole('button', { name: 'Settings', exact: true }).click();
  const email = page.getByRole('form', { name: 'Email settings' });
  await email.getByLabel('SMTP server').fill('smtp.springfield.edu');
  await email.getByLabel('User name').fill('relay-login');
  await email.getByLabel('From address').fill('invitations@springfield.edu');
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Email settings saved.' })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download diagnostics' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^managed-distribution-diagnostics-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(JSON.parse(text).settings['mail.host']).toBe('smtp.springfield.edu');
  expect(text).not.toContain('relay-login');
});
