import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../main/app';
import { createMemorySecretStore } from '../../../main/keychain/memory-secret-store';
import { signedInAs, withOrganization } from '../../support/directory-app';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const apps: App[] = [];
afterEach(() => apps.splice(0).forEach((app) => app.close()));

const SMTP_USER = 'relay-login@springfield.edu';
const SMTP_PASSWORD = 'smtp password never shown';
const MDM_KEY = 'mdm-api-key-0123456789abcdef0123';
const TOKEN_SECRET = 'c2VydmljZS10b2tlbi1zZWNyZXQtdGhhdC1pcy1sb25n';

async function district() {
  const secrets = createMemorySecretStore();
  const app = createApp({ dataDir: tempDir(), secrets, autoSync: false, appVersion: '9.8.7', logError: () => {} });
  apps.push(app);
  const root = await withOrganization(app);
  await root.ok('mail.saveSettings', {
    host: 'smtp.springfield.edu',
    port: 587,
    security: 'starttls',
    user: SMTP_USER,
    from: 'invitations@springfield.edu',
    password: SMTP_PASSWORD,
    ratePerMinute: 60,
  });
  await root.ok('mdm.saveSettings', { baseUrl: 'https://mdm.springfield.edu', apiKey: MDM_KEY });
  await secrets.set('token:1', TOKEN_SECRET);
  return { app, root };
}

describe('app.diagnostics', () => {
  it('gives an organization admin the report, with no secret in it', async () => {
    const { root } = await district();
    const { fileName, text } = await root.ok('app.diagnostics', {});
    expect(fileName).toMatch(/^managed-distribution-diagnostics-\d{4}-\d{2}-\d{2}\.json$/);
    const report = JSON.parse(text);
    expect(report.app.version).toBe('9.8.7');
    expect(report.settings['mail.host']).toBe('smtp.springfield.edu');
    expect(report.recentAuditEntries.length).toBeGreaterThan(0);
    for (const secret of [SMTP_USER, SMTP_PASSWORD, MDM_KEY, TOKEN_SECRET]) expect(text).not.toContain(secret);
  });

  it('is the same report Help → Export Diagnostics writes', async () => {
    const { app, root } = await district();
    const fromChannel = await root.ok('app.diagnostics', {});
    const fromMenu = await app.diagnostics();
    expect(JSON.parse(fromMenu.text).database).toEqual(JSON.parse(fromChannel.text).database);
  });

  it('is refused to a school admin, since it carries the whole district audit', async () => {
    const { app, root } = await district();
    const school = await root.ok('groups.create', { parentId: 1, name: 'North High', kind: 'school' });
    await root.ok('admins.create', { name: 'Sam', email: 'sam@springfield.edu', directGroupIds: [school.id], password: 'school admin password' });
    const sam = await signedInAs(app, 'sam', 'sam@springfield.edu', 'school admin password');
    expect(await sam.call('app.diagnostics', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('is refused before sign-in', async () => {
    const { app } = await district();
    expect(await app.dispatch('app.diagnostics', {}, 'stranger')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
