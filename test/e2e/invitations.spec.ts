import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { startAppleSandbox, type AppleSandbox } from '../../main/apple/sandbox/apple-sandbox';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization } from './support/first-run';
import { callApi } from './support/page-api';

let data: ReturnType<typeof freshDataDir>;
let app: RunningApp;
let sandbox: AppleSandbox;
let smtp: SmtpTestServer;

test.beforeEach(async () => {
  sandbox = await startAppleSandbox();
  smtp = await startSmtpTestServer();
  data = freshDataDir();
  app = await startBrowserMode(data.dir, { MD_APPLE_BASE_URL: sandbox.baseUrl, MD_AUTO_SYNC: '0' });
});

test.afterEach(async () => {
  await app.stop();
  await smtp.close();
  await sandbox.close();
  data.remove();
});


test("invite a school's users by email: preview, progress, per-user results, Managed Apple Accounts registered directly, and Invited in the report", async ({ page }) => {
  // Apple asks for 30 seconds between event polls, and the app keeps to it.
  test.setTimeout(150_000);
  const location = sandbox.createLocation({ name: 'District Location' });
  await createOrganization(page, app.url);

  const school = await callApi<{ id: number }>(page, app, 'groups.create', { parentId: 1, name: 'North High', kind: 'school' });
  const people = [
    { name: 'Ann Archer', email: 'ann@springfield.edu', device: true },
    { name: 'Ben Baker', email: 'ben@springfield.edu', device: true },
    { name: 'Cal Cole', email: null, device: true },
    { name: 'Dee Dunn', email: 'dee@springfield.edu', device: false },
    { name: 'Eve Evans', email: 'eve@springfield.edu', managedAppleId: 'eve@appleid.springfield.edu', device: true },
  ];
  for (const [i, person] of people.entries()) {
    const user = await callApi<{ id: number }>(page, app, 'users.create', {
      name: person.name,
      email: person.email,
      managedAppleId: person.managedAppleId ?? null,
      role: 'student',
      gradeLevel: null,
      externalId: null,
      homeGroupId: school.id,
    });
    if (!person.device) continue;
    const device = await callApi<{ id: number }>(page, app, 'devices.create', {
      serialNumber: `SERIAL000${i}`,
      name: null,
      platform: 'iPadOS',
      osVersion: '17.4',
      supervised: true,
      udid: `UDID-${i}`,
      homeGroupId: school.id,
    });
    await callApi(page, app, 'devices.associate', { deviceId: device.id, owner: { kind: 'user', id: user.id } });
  }
  await callApi(page, app, 'mail.saveSettings', {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: '',
    from: 'invitations@springfield.edu',
    password: null,
    ratePerMinute: 600,
  });

  await page.getByRole('tab', { name: 'Managed Distribution' }).click();
  await page.getByLabel('New Managed Distribution service').fill('District apps');
  await page.getByRole('button', { name: 'Create Service' }).click();
  const districtCard = page.getByRole('article', { name: 'District apps' });
  await districtCard.getByRole('button', { name: 'Add Token' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add token to District apps' });
  await addDialog.getByLabel('Service token').fill(sandbox.mintToken(location.id));
  await addDialog.getByRole('button', { name: 'Add Token' }).click();
  await expect(districtCard).toContainText('Active token: Valid');

  await page.getByRole('tree', { name: 'Organization' }).getByRole('treeitem', { name: /North High/ }).click();
  await page.getByRole('tab', { name: 'Managed Distribution' }).click();
  const card = page.getByRole('article', { name: 'District apps' });
  await card.getByRole('button', { name: 'Invite Users' }).click();

  const dialog = page.getByRole('dialog', { name: 'Invite Users — District apps' });
  await expect(dialog.getByRole('radio', { name: /All users with devices/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Send Email Invitations' })).toBeChecked();
  const preview = dialog.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('status').filter({ hasText: 'will be invited' })).toHaveText('2 users will be invited: 2 by email, 0 on 0 devices.');
  await expect(preview.getByRole('status', { name: 'Registered directly' })).toHaveText(
    '1 registered directly: a person with a Managed Apple Account gets no invitation; Apple associates them at once.',
  );
  const skipped = preview.getByRole('table', { name: 'Skipped users' });
  await expect(skipped.getByRole('row', { name: /Has no device/ })).toContainText('Dee Dunn');
  await expect(skipped.getByRole('row', { name: /Has no email address/ })).toContainText('Cal Cole');

  await dialog.getByRole('checkbox', { name: 'Send Email Invitations' }).uncheck();
  await expect(dialog.getByRole('alert')).toHaveText('Choose at least one way to send the invitations.');
  await expect(dialog.getByRole('button', { name: 'Invite Users' })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Send Email Invitations' }).check();

  await dialog.getByRole('button', { name: 'Invite Users' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Invitations' })).toBeVisible();
  await expect(dialog.getByRole('status', { name: 'Invitation counts' })).toHaveText(/Created 3 · Registered directly 1 · Emailed 2 · Pushed 0 · Failed 0 of 3/, {
    timeout: 90_000,
  });
  const results = dialog.getByRole('table', { name: 'Invitation results' });
  await expect(results.getByRole('row', { name: /Ann Archer/ })).toContainText('Sent');
  await expect(results.getByRole('row', { name: /Ben Baker/ })).toContainText('Sent');
  await expect(results.getByRole('row', { name: /Cal Cole/ })).toContainText('Has no email address');
  await expect(results.getByRole('row', { name: /Eve Evans/ })).toContainText('Registered directly');
  await expect(results.getByRole('row', { name: /Eve Evans/ })).toContainText('Registered with Apple');
  await page.screenshot({ path: 'test-results/invitations-results.png', fullPage: true });
  expect(smtp.received.map((r) => r.recipients[0]).sort()).toEqual(['ann@springfield.edu', 'ben@springfield.edu']);
  const annCode = sandbox.usersOf(location.id).find((u) => u.email === 'ann@springfield.edu')!.inviteCode!;
  expect(smtp.received.find((r) => r.recipients[0] === 'ann@springfield.edu')!.mail.text).toContain(`inviteCode=${annCode}`);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await card.getByRole('button', { name: 'Sync now' }).click();
  const report = page.getByRole('region', { name: 'Managed Distribution Report' });
  await expect(report.getByTestId(/^synced-/)).not.toHaveText('never', { timeout: 20_000 });
  await report.getByRole('tab', { name: 'Users' }).click();
  const users = report.getByRole('grid', { name: 'Apple users' });
  await expect(users.getByRole('row', { name: /Ann Archer/ })).toContainText(new Date().toLocaleDateString('en-US'));
  await expect(users.getByRole('row', { name: /Ann Archer/ })).toContainText('Registered');
  await expect(users.getByRole('row', { name: /Eve Evans/ })).toContainText('Associated');
});

test('device invitations with no MDM server set, and emails with no mail server set: the preview says so, and only what can go out is sent', async ({ page }) => {
  const location = sandbox.createLocation({ name: 'District Location' });
  await createOrganization(page, app.url);
  const user = await callApi<{ id: number }>(page, app, 'users.create', {
    name: 'Ann Archer',
    email: 'ann@springfield.edu',
    managedAppleId: null,
    role: 'student',
    gradeLevel: null,
    externalId: null,
    homeGroupId: 1,
  });
  const device = await callApi<{ id: number }>(page, app, 'devices.create', {
    serialNumber: 'SERIAL0001',
    name: null,
    platform: 'iPadOS',
    osVersion: '17.4',
    supervised: true,
    udid: 'UDID-1',
    homeGroupId: 1,
  });
  await callApi(page, app, 'devices.associate', { deviceId: device.id, owner: { kind: 'user', id: user.id } });
  const service = await callApi<{ id: number }>(page, app, 'services.create', { groupId: 1, name: 'District apps' });
  await callApi(page, app, 'tokens.add', { serviceId: service.id, token: sandbox.mintToken(location.id), makeActive: true, checkId: randomUUID() });

  await page.reload();
  await page.getByRole('tab', { name: 'Managed Distribution' }).click();
  await page.getByRole('article', { name: 'District apps' }).getByRole('button', { name: 'Invite Users' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite Users — District apps' });
  await dialog.getByRole('checkbox', { name: 'Send invitation to devices through the MDM server' }).check();
  const warning = dialog.getByRole('alert').filter({ hasText: 'No MDM server is set up yet.' });
  await expect(warning).toContainText('Invitations cannot go to devices, and nobody is registered with Apple for them');
  await expect(dialog.getByRole('button', { name: 'Invite Users' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/invitations-no-mdm.png', fullPage: true });

  // Email is not set up either: the preview says so too, and nothing can go out yet.
  const noMail = dialog.getByRole('alert').filter({ hasText: 'Email is not set up yet.' });
  await expect(noMail).toContainText('Invitation emails cannot go out, and nobody is registered with Apple for them');

  await dialog.getByRole('checkbox', { name: 'Send invitation to devices through the MDM server' }).uncheck();
  await expect(warning).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Invite Users' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(sandbox.usersOf(location.id)).toEqual([]);

  await callApi(page, app, 'mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', user: '', from: 'invitations@springfield.edu', password: null, ratePerMinute: 600 });
  await page.getByRole('article', { name: 'District apps' }).getByRole('button', { name: 'Invite Users' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'will be invited' })).toHaveText('1 user will be invited: 1 by email, 0 on 0 devices.');
  await expect(noMail).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Invite Users' })).toBeEnabled();
});

test('a second Invite Users while a run invites the same people is refused, and opens the running one', async ({ page }) => {
  test.setTimeout(150_000);
  const location = sandbox.createLocation({ name: 'District Location' });
  await createOrganization(page, app.url);
  for (const [i, name] of ['Ann Archer', 'Ben Baker'].entries()) {
    const user = await callApi<{ id: number }>(page, app, 'users.create', {
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@springfield.edu`,
      managedAppleId: null,
      role: 'student',
      gradeLevel: null,
      externalId: null,
      homeGroupId: 1,
    });
    const device = await callApi<{ id: number }>(page, app, 'devices.create', {
      serialNumber: `SERIAL000${i}`,
      name: null,
      platform: 'iPadOS',
      osVersion: '17.4',
      supervised: true,
      udid: `UDID-${i}`,
      homeGroupId: 1,
    });
    await callApi(page, app, 'devices.associate', { deviceId: device.id, owner: { kind: 'user', id: user.id } });
  }
  await callApi(page, app, 'mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', user: '', from: 'invitations@springfield.edu', password: null, ratePerMinute: 600 });
  const service = await callApi<{ id: number }>(page, app, 'services.create', { groupId: 1, name: 'District apps' });
  await callApi(page, app, 'tokens.add', { serviceId: service.id, token: sandbox.mintToken(location.id), makeActive: true, checkId: randomUUID() });
  // Another window started the same invitations a moment ago. Apple's registration takes a while
  // (the app asks again after its 30-second poll), so that run is still going.
  sandbox.setEventDelayMs(20_000);
  const first = await callApi<{ runId: string }>(page, app, 'invitations.start', { serviceId: service.id, groupId: 1, audience: 'all', byEmail: true, byDevice: false });

  await page.reload();
  await page.getByRole('tab', { name: 'Managed Distribution' }).click();
  await page.getByRole('article', { name: 'District apps' }).getByRole('button', { name: 'Invite Users' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite Users — District apps' });
  await expect(dialog.getByRole('region', { name: 'Preview' })).toContainText('2 users will be invited');
  await dialog.getByRole('button', { name: 'Invite Users' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    /^Some of these people are already being invited through this service by a run started at \d\d:\d\d by Ada Admin\. Open that run to follow it, or try again once it has ended\.$/,
  );
  await dialog.getByRole('button', { name: 'Open the running one' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Invitations' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(dialog.getByRole('status', { name: 'Invitation counts' })).toHaveText(/Emailed 2 · Pushed 0 · Failed 0 of 2/, { timeout: 90_000 });
  await page.screenshot({ path: 'test-results/invitations-running-one.png', fullPage: true });
  expect(smtp.received.map((r) => r.recipients[0]).sort()).toEqual(['ann@springfield.edu', 'ben@springfield.edu']);
  expect((await callApi<{ runId: string }>(page, app, 'invitations.results', { runId: first.runId })).runId).toBe(first.runId);
});
