import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/audit/audit-log';
import { systemClock } from '../../../main/clock/clock';
import { organization, useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startApp = useTestApps();

describe('first run through the dispatcher', () => {
  it('creates the organization and its first admin, who is signed in and sees the root', async () => {
    const app = startApp(tempDir(), newSecrets());
    expect(await app.dispatch('app.status', {}, 'w1')).toEqual({
      ok: true,
      value: { organizationName: null, admin: null, keychain: { available: true, message: null }, demo: false },
    });

    const created = await app.dispatch('setup.createOrganization', { ...organization, email: ' Ada@Springfield.EDU ' }, 'w1');
    expect(created).toEqual({ ok: true, value: { id: 1, name: 'Ada Admin', email: 'ada@springfield.edu' } });

    expect(await app.dispatch('app.status', {}, 'w1')).toMatchObject({
      ok: true,
      value: { organizationName: 'Springfield District', admin: { name: 'Ada Admin' } },
    });
    expect(await app.dispatch('groups.tree', {}, 'w1')).toEqual({
      ok: true,
      value: [{ id: 1, parentId: null, name: 'Springfield District', kind: 'organization', direct: true }],
    });
    // Another window has not signed in.
    expect(await app.dispatch('groups.tree', {}, 'w2')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a second organization', async () => {
    const app = startApp(tempDir(), newSecrets());
    await app.dispatch('setup.createOrganization', organization, 'w1');
    expect(await app.dispatch('setup.createOrganization', { ...organization, organizationName: 'Shelbyville' }, 'w2')).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'The organization has already been set up. Sign in instead.' },
    });
  });

  it('signs out, refuses a wrong password, signs in with the right one', async () => {
    const app = startApp(tempDir(), newSecrets());
    await app.dispatch('setup.createOrganization', organization, 'w1');
    expect(await app.dispatch('auth.signOut', {}, 'w1')).toEqual({ ok: true, value: {} });
    expect(await app.dispatch('groups.tree', {}, 'w1')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    expect(await app.dispatch('auth.signIn', { email: organization.email, password: 'wrong password!!' }, 'w1')).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'The email or password is not correct, or this account is disabled. Check both, or ask an organization admin to enable the account.' },
    });
    expect(await app.dispatch('auth.signIn', { email: 'nobody@springfield.edu', password: organization.password }, 'w1')).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'The email or password is not correct, or this account is disabled. Check both, or ask an organization admin to enable the account.' },
    });
    expect(await app.dispatch('auth.signIn', { email: 'ADA@springfield.edu', password: organization.password }, 'w1')).toMatchObject({
      ok: true,
      value: { name: 'Ada Admin' },
    });
  });

  it('locks an email after five wrong passwords', async () => {
    const app = startApp(tempDir(), newSecrets());
    await app.dispatch('setup.createOrganization', organization, 'w1');
    for (let i = 0; i < 5; i++) await app.dispatch('auth.signIn', { email: organization.email, password: `wrong ${i} xxxxxxxx` }, 'w2');
    expect(await app.dispatch('auth.signIn', { email: organization.email, password: organization.password }, 'w2')).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Too many sign-in attempts for ada@springfield.edu in the last minute. Try again in 60 seconds.' },
    });
  });

  it('records who did what in the audit log, without the password', async () => {
    const app = startApp(tempDir(), newSecrets());
    await app.dispatch('setup.createOrganization', organization, 'w1');
    await app.dispatch('auth.signOut', {}, 'w1');
    await app.dispatch('auth.signIn', { email: organization.email, password: 'not the password' }, 'w1');
    const entries = new AuditLog(app.db, systemClock).latest(10).reverse();
    expect(entries.map((e) => [e.adminId, e.action, e.target])).toEqual([
      [1, 'organization.create', 'group:1'],
      [1, 'admin.create', 'admin:1'],
      [1, 'auth.signOut', 'admin:1'],
      [1, 'auth.signInFailed', 'admin:ada@springfield.edu'],
    ]);
    expect(entries[0]!.details).toEqual({ name: 'Springfield District' });
    expect(JSON.stringify(entries)).not.toContain(organization.password);
  });

  it('keeps the organization across a restart; sessions do not survive it', async () => {
    const dataDir = tempDir();
    const secrets = newSecrets();
    const first = startApp(dataDir, secrets);
    await first.dispatch('setup.createOrganization', organization, 'w1');
    first.close();

    const second = startApp(dataDir, secrets);
    expect(await second.dispatch('app.status', {}, 'w1')).toMatchObject({
      ok: true,
      value: { organizationName: 'Springfield District', admin: null },
    });
    expect(await second.dispatch('auth.signIn', { email: organization.email, password: organization.password }, 'w1')).toMatchObject({ ok: true });
  });

  it('tells the renderer when the organization tree changes', async () => {
    const app = startApp(tempDir(), newSecrets());
    const seen: unknown[] = [];
    app.bus.subscribe((name, payload) => seen.push([name, payload]));
    await app.dispatch('setup.createOrganization', organization, 'w1');
    expect(seen).toEqual([['directory.changed', { groupIds: [1] }]]);
  });
});
