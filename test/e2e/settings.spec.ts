import { expect, test, type Page } from '@playwright/test';
import { startFakeNanoMdm, type FakeNanoMdm } from '../support/fake-nanomdm';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization } from './support/first-run';

let data: ReturnType<typeof freshDataDir>;
let app: RunningApp;
let smtp: SmtpTestServer;
let mdm: FakeNanoMdm;

test.beforeEach(async () => {
  smtp = await startSmtpTestServer();
  mdm = await startFakeNanoMdm({ apiKey: 'district nanomdm key' });
  data = freshDataDir();
  app = await startBrowserMode(data.dir);
});

test.afterEach(async () => {
  await app.stop();
  await smtp.close();
  await mdm.close();
  data.remove();
});

async function openSettings(page: Page) {
  await createOrganization(page, app.url);
  await page.getByRole('banner').getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email and MDM server' })).toBeVisible();
}

const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

test('an organization admin sets up SMTP, sends a test email and previews the invitation', async ({ page }) => {
  await openSettings(page);
  const email = page.getByRole('form', { name: 'Email settings' });
  await email.getByLabel('SMTP server').fill('127.0.0.1');
  await email.getByLabel('Security').selectOption('none');
  await email.getByLabel('Port').fill(String(smtp.port));
  await email.getByLabel('Password').fill('smtp password');
  await email.getByLabel('From address').fill('invitations@springfield.edu');
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await expect(status(page, 'Email settings saved.')).toBeVisible();
  await expect(email.getByRole('group', { name: 'Password' })).toContainText('Stored in the system keychain.');
  await expect(email.getByRole('button', { name: 'Replace password' })).toBeVisible();

  await page.getByLabel('Send a test email to').fill('ada@springfield.edu');
  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(status(page, `A test email was sent to ada@springfield.edu through 127.0.0.1:${smtp.port}.`)).toBeVisible();
  const [received] = await smtp.waitFor(1);
  expect(received?.recipients).toEqual(['ada@springfield.edu']);
  expect(received?.mail.subject).toBe('Test email from Managed Distribution');

  await page.getByRole('button', { name: 'Preview invitation email' }).click();
  const preview = page.getByRole('region', { name: 'Invitation email preview' });
  await expect(preview.getByTestId('preview-subject')).toContainText('invites you to receive school apps and books from Apple');
  await expect(preview.getByLabel('Invitation email, plain-text part')).toContainText('Hello Jordan Sample,');
  await expect(preview.getByLabel('Invitation email, plain-text part')).toContainText('inviteCode=SAMPLE-INVITE-CODE');
  await expect(page.locator('iframe[title="Invitation email, HTML part"]')).toHaveAttribute('sandbox', '');
  const html = page.frameLocator('iframe[title="Invitation email, HTML part"]');
  await expect(html.getByRole('link', { name: 'Accept the invitation' })).toBeVisible();
  await expect(html.getByText('you need no invitation')).toBeVisible();
});

test('a refused test email says what to fix, next to the form', async ({ page }) => {
  await openSettings(page);
  const email = page.getByRole('form', { name: 'Email settings' });
  await email.getByLabel('SMTP server').fill('127.0.0.1');
  await email.getByLabel('Port').fill('70000');
  await email.getByLabel('From address').fill('invitations@springfield.edu');
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await expect(email.getByText('Enter a port from 1 to 65535.')).toBeVisible();

  await email.getByLabel('Port').fill(String(smtp.port));
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await expect(status(page, 'Email settings saved.')).toBeVisible();
  await page.getByLabel('Send a test email to').fill('ada@springfield.edu');
  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(page.getByRole('alert')).toContainText(`The mail server 127.0.0.1:${smtp.port} could not switch to an encrypted connection (STARTTLS).`);
});

test('an organization admin connects the NanoMDM server and tests it', async ({ page }) => {
  await openSettings(page);
  const form = page.getByRole('form', { name: 'MDM server settings' });
  await form.getByLabel('Server address').fill(mdm.baseUrl);
  await form.getByLabel('API key').fill('district nanomdm key');
  await form.getByRole('button', { name: 'Save MDM settings' }).click();
  await expect(status(page, 'MDM server settings saved.')).toBeVisible();
  await expect(form.getByRole('group', { name: 'API key' })).toContainText('Stored in the system keychain.');
  await expect(form.getByRole('button', { name: 'Remove API key' })).toBeVisible();

  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(status(page, `Connected to NanoMDM v0.8.0 at ${mdm.baseUrl}; it accepted the API key.`)).toBeVisible();
  expect(mdm.enqueues.map((e) => e.ids)).toEqual([[]]);
});

test('an MDM server address in plain http to another computer is refused next to the field', async ({ page }) => {
  await openSettings(page);
  const form = page.getByRole('form', { name: 'MDM server settings' });
  await form.getByLabel('Server address').fill('http://mdm.springfield.edu');
  await form.getByLabel('API key').fill('district nanomdm key');
  await form.getByRole('button', { name: 'Save MDM settings' }).click();
  await expect(form.getByText('Use the server’s https:// address: the API key goes with every request')).toBeVisible();
  await expect(status(page, 'MDM server settings saved.')).toHaveCount(0);
});

test('a new mail or MDM server drops the stored password or key: the form says so before saving, and asks for it again after', async ({ page }) => {
  const elsewhere = await startSmtpTestServer({ users: { someone: 'else' } });
  const otherMdm = await startFakeNanoMdm({ apiKey: 'the other server key' });
  try {
    await openSettings(page);
    const email = page.getByRole('form', { name: 'Email settings' });
    await email.getByLabel('SMTP server').fill('127.0.0.1');
    await email.getByLabel('Security').selectOption('none');
    await email.getByLabel('Port').fill(String(smtp.port));
    await email.getByLabel('User name').fill('mailer');
    await email.getByLabel('Password').fill('smtp password');
    await email.getByLabel('From address').fill('invitations@springfield.edu');
    await email.getByRole('button', { name: 'Save email settings' }).click();
    await expect(status(page, 'Email settings saved.')).toBeVisible();

    const password = email.getByRole('group', { name: 'Password' });
    await email.getByLabel('Port').fill(String(elsewhere.port));
    await expect(password.getByRole('status')).toHaveText(
      'The stored password was entered for the saved server, so it is removed when you save: it never goes to another server. Enter the password for the new server.',
    );
    await email.getByLabel('Port').fill(String(smtp.port));
    await expect(password).toContainText('Stored in the system keychain.');
    await email.getByLabel('Port').fill(String(elsewhere.port));
    await email.getByRole('button', { name: 'Save email settings' }).click();
    await expect(status(page, 'Email settings saved.')).toHaveText(
      'Email settings saved. The stored password was removed because the server changed: enter the password for the new server and save again.',
    );
    await expect(email.getByLabel('Password')).toHaveValue('');
    await page.getByLabel('Send a test email to').fill('ada@springfield.edu');
    await page.getByRole('button', { name: 'Send test email' }).click();
    await expect(page.getByRole('alert')).toContainText('Nothing was sent: the email settings sign in as "mailer", but no password is stored');
    expect(elsewhere.authAttempts).toEqual([]);

    const form = page.getByRole('form', { name: 'MDM server settings' });
    await form.getByLabel('Server address').fill(mdm.baseUrl);
    await form.getByLabel('API key').fill('district nanomdm key');
    await form.getByRole('button', { name: 'Save MDM settings' }).click();
    await expect(status(page, 'MDM server settings saved.')).toBeVisible();
    await form.getByLabel('Server address').fill(otherMdm.baseUrl);
    await expect(form.getByRole('group', { name: 'API key' }).getByRole('status')).toContainText('The stored API key was entered for the saved server, so it is removed when you save');
    await form.getByRole('button', { name: 'Save MDM settings' }).click();
    await expect(status(page, 'MDM server settings saved.')).toContainText('The stored API key was removed because the server changed');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'No MDM server is set up yet.' })).toBeVisible();
    expect(otherMdm.credentialsSeen).toEqual([]);

    await page.getByRole('banner').getByRole('button', { name: 'Audit log' }).click();
    await expect(page.getByRole('row', { name: /mail\.saveSettings/ }).first()).toContainText('"password":"dropped"');
    await expect(page.getByRole('row', { name: /mdm\.saveSettings/ }).first()).toContainText('"apiKey":"dropped"');
  } finally {
    await elsewhere.close();
    await otherMdm.close();
  }
});
