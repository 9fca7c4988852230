import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../main/app';
import { AuditLog } from '../../../main/audit/audit-log';
import { systemClock } from '../../../main/clock/clock';
import { clientOf } from '../../support/directory-app';
import { organization } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const HOUR = 60 * 60 * 1000;
const BOB = { name: 'Bob North', email: 'bob@springfield.edu', password: 'school admin password' };
const REFUSED = {
  ok: false,
  error: {
    code: 'UNAUTHENTICATED',
    message: 'The email or password is not correct, or this account is disabled. Check both, or ask an organization admin to enable the account.',
  },
};

const apps: App[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.close();
});

/** An app on a clock that stands still until the test moves it, with its organization and a second admin, Bob. */
async function district() {
  const start = Date.parse('2026-03-02T09:00:00Z');
  let offset = 0;
  const app = createApp({
    dataDir: tempDir(),
    secrets: newSecrets(),
    autoSync: false,
    clock: { now: () => new Date(start + offset) },
    logError: () => undefined,
  });
  apps.push(app);
  const root = clientOf(app, 'root');
  await root.ok('setup.createOrganization', organization);
  const bob = await root.ok('admins.create', { ...BOB, directGroupIds: [1] });
  return { app, root, bob, advance: (ms: number) => (offset += ms) };
}

async function bobSignedIn(app: App, clientId: string) {
  const tab = clientOf(app, clientId);
  await tab.ok('auth.signIn', { email: BOB.email, password: BOB.password });
  return tab;
}

describe('signing in', () => {
  it('200 concurrent wrong passwords get five tries between them, and the right one is then refused until the minute is over', async () => {
    const { app, advance } = await district();
    const attacker = clientOf(app, 'attacker');
    const burst = await Promise.all(
      Array.from({ length: 200 }, (_, i) => attacker.call('auth.signIn', { email: BOB.email, password: `guess number ${i}` })),
    );
    const throttled = burst.filter((r) => !r.ok && r.error.message.startsWith('Too many sign-in attempts'));
    expect(burst.filter((r) => !r.ok && r.error.message === REFUSED.error.message)).toHaveLength(5);
    expect(throttled).toHaveLength(195);
    expect(burst.every((r) => !r.ok && r.error.code === 'UNAUTHENTICATED')).toBe(true);

    expect(await attacker.call('auth.signIn', { email: BOB.email, password: BOB.password })).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Too many sign-in attempts for bob@springfield.edu in the last minute. Try again in 60 seconds.' },
    });
    expect(await attacker.call('groups.tree', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Only the five admitted guesses were checked and audited.
    const failures = new AuditLog(app.db, systemClock).latest(500).filter((e) => e.action === 'auth.signInFailed');
    expect(failures).toHaveLength(5);

    advance(60_000);
    expect(await attacker.call('auth.signIn', { email: BOB.email, password: BOB.password })).toMatchObject({ ok: true });
  });

  it('a disabled account answers the same whether the password is right or wrong', async () => {
    const { app, root, bob } = await district();
    await root.ok('admins.setDisabled', { adminId: bob.id, disabled: true });
    const tab = clientOf(app, 'bob');
    const right = await tab.call('auth.signIn', { email: BOB.email, password: BOB.password });
    const wrong = await tab.call('auth.signIn', { email: BOB.email, password: 'not his password' });
    const nobody = await tab.call('auth.signIn', { email: 'nobody@springfield.edu', password: BOB.password });
    expect(right).toEqual(REFUSED);
    expect(wrong).toEqual(REFUSED);
    expect(nobody).toEqual(REFUSED);
  });
});

describe('sessions', () => {
  it('end after eight hours without a call, saying so; calls keep a session going', async () => {
    const { app, advance } = await district();
    const tab = await bobSignedIn(app, 'bob');
    advance(7 * HOUR);
    expect(await tab.call('groups.tree', {})).toMatchObject({ ok: true });
    advance(7 * HOUR);
    expect(await tab.call('groups.tree', {})).toMatchObject({ ok: true });
    advance(8 * HOUR);
    const expired = {
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Your session expired after 8 hours without activity. Sign in again to carry on.' },
    };
    expect(await tab.call('groups.tree', {})).toEqual(expired);
    expect(await tab.call('admins.list', { groupId: 1 })).toEqual(expired);
    expect(await tab.call('app.status', {})).toMatchObject({ ok: true, value: { admin: null } });
    expect(await tab.call('auth.signIn', { email: BOB.email, password: BOB.password })).toMatchObject({ ok: true });
    expect(await tab.call('groups.tree', {})).toMatchObject({ ok: true });
  });

  it('end in a window that only hears events: live updates are not the admin’s activity', async () => {
    const { app, root, advance } = await district();
    const tab = await bobSignedIn(app, 'bob');
    const heard: string[] = [];
    app.listen('bob', (name) => heard.push(name));
    for (let hour = 1; hour <= 9; hour++) {
      advance(HOUR);
      await root.ok('groups.create', { parentId: 1, name: `School ${hour}`, kind: 'school' });
    }
    expect(heard.length).toBeGreaterThan(0);
    expect(await tab.call('groups.tree', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('expired after 8 hours') } });
  });

  it('follow the idle limit an organization admin sets in Settings, which is audited', async () => {
    const { app, root, advance } = await district();
    expect(await root.ok('sessions.settings', {})).toEqual({ idleHours: 8 });
    const bob = await bobSignedIn(app, 'bob');
    expect(await root.ok('sessions.saveSettings', { idleHours: 2 })).toEqual({ idleHours: 2 });
    // Support sees the setting in the diagnostics report: it is not a secret.
    expect(JSON.parse((await root.ok('app.diagnostics', {})).text).settings).toMatchObject({ 'signingIn.idleHours': 2 });
    advance(2 * HOUR);
    expect(await bob.call('groups.tree', {})).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Your session expired after 2 hours without activity. Sign in again to carry on.' },
    });
    const entry = new AuditLog(app.db, systemClock).latest(20).find((e) => e.action === 'settings.sessions');
    expect(entry).toMatchObject({ adminId: 1, target: 'settings', details: { idleHours: { from: 8, to: 2 } } });
    expect(await root.call('sessions.saveSettings', { idleHours: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('only direct admins of the organization change the idle limit', async () => {
    const { app, root } = await district();
    const school = await root.ok('groups.create', { parentId: 1, name: 'North High', kind: 'school' });
    await root.ok('admins.create', { name: 'Cy', email: 'cy@springfield.edu', password: 'district admin password', directGroupIds: [school.id] });
    const cy = clientOf(app, 'cy');
    await cy.ok('auth.signIn', { email: 'cy@springfield.edu', password: 'district admin password' });
    expect(await cy.ok('sessions.settings', {})).toEqual({ idleHours: 8 });
    expect(await cy.call('sessions.saveSettings', { idleHours: 100 })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only a direct admin of the organization can change how long sessions last.' },
    });
    expect(await root.ok('sessions.settings', {})).toEqual({ idleHours: 8 });
  });

  it("resetting an admin's password signs them out of every tab at once", async () => {
    const { app, root, bob } = await district();
    const tabs = [await bobSignedIn(app, 'bob-1'), await bobSignedIn(app, 'bob-2')];
    await root.ok('admins.resetPassword', { adminId: bob.id, password: 'a brand new passphrase' });
    for (const tab of tabs) {
      expect(await tab.call('groups.tree', {})).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'Your password was reset, so you were signed out everywhere. Sign in with the new password.' },
      });
    }
    expect(await root.call('groups.tree', {})).toMatchObject({ ok: true });
    expect(await tabs[0]!.call('auth.signIn', { email: BOB.email, password: BOB.password })).toEqual(REFUSED);
    expect(await tabs[0]!.call('auth.signIn', { email: BOB.email, password: 'a brand new passphrase' })).toMatchObject({ ok: true });
  });

  it('an admin resetting their own password stays signed in where they did it, and nowhere else', async () => {
    const { app, bob } = await district();
    const here = await bobSignedIn(app, 'bob-here');
    const elsewhere = await bobSignedIn(app, 'bob-elsewhere');
    await here.ok('admins.resetPassword', { adminId: bob.id, password: 'a brand new passphrase' });
    expect(await here.call('groups.tree', {})).toMatchObject({ ok: true });
    expect(await elsewhere.call('groups.tree', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('disabling an admin signs them out everywhere, and enabling them again does not bring the sessions back', async () => {
    const { app, root, bob } = await district();
    const tabs = [await bobSignedIn(app, 'bob-1'), await bobSignedIn(app, 'bob-2')];
    await root.ok('admins.setDisabled', { adminId: bob.id, disabled: true });
    await root.ok('admins.setDisabled', { adminId: bob.id, disabled: false });
    for (const tab of tabs) {
      expect(await tab.call('groups.tree', {})).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'Your account was disabled, so you were signed out. An organization admin can enable it again.' },
      });
    }
  });
});
