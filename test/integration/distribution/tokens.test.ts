import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONFIRM_REFUSAL_AFTER_MS, secretAccount } from '../../../main/distribution/token-service';
import { jobEnd } from '../../support/import-files';
import { signedInAs, withOrganization } from '../../support/directory-app';
import { appleConfigFor, useSandboxes } from '../../support/sandbox';
import { appSecrets, useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startApp = useTestApps();
const startSandbox = useSandboxes();

/** `waits` records every wait the app asks for, none of which takes real time. */
async function setup() {
  const sandbox = await startSandbox();
  const waits: number[] = [];
  const apple = appleConfigFor(sandbox);
  const north = sandbox.createLocation({ name: 'North High Location', orgName: 'Springfield SD' });
  const south = sandbox.createLocation({ name: 'South High Location', orgName: 'Springfield SD' });
  const dataDir = tempDir();
  const secrets = newSecrets();
  const app = startApp(dataDir, secrets, { ...apple, transport: { ...apple.transport, sleep: async (ms) => void waits.push(ms) } });
  const root = await withOrganization(app);
  const school = await root.ok('groups.create', { parentId: 1, name: 'North High', kind: 'school' });
  await root.ok('admins.update', { adminId: 1, name: 'Ada Admin', email: 'ada@springfield.edu', directGroupIds: [1, school.id] });
  const service = await root.ok('services.create', { groupId: school.id, name: 'North apps' });
  const add = (token: string, makeActive = true, serviceId = service.id) =>
    root.call('tokens.add', { serviceId, token, makeActive, checkId: randomUUID() });
  const tokenIdOf = (result: Awaited<ReturnType<typeof add>>) => {
    if (!result.ok) throw new Error(result.error.message);
    return result.value.token.id;
  };
  return { sandbox, north, south, app, root, school, service, add, tokenIdOf, secrets, dataDir, waits };
}

function dataFolderText(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('');
}

describe('adding a token', () => {
  it('checks it with Apple, records the location, keeps the secret in the keychain only', async () => {
    const { sandbox, north, add, tokenIdOf, root, school, secrets, dataDir, app } = await setup();
    const sToken = sandbox.mintToken(north.id);
    const added = await add(`\uFEFF${sToken.slice(0, 40)}\r\n${sToken.slice(40)}\n`);
    expect(added).toMatchObject({
      ok: true,
      value: { warnings: [], token: { locationName: 'North High Location', orgName: 'Springfield SD', status: 'valid', active: true } },
    });
    const tokenId = tokenIdOf(added);
    expect(await appSecrets(app, secrets).get(secretAccount(tokenId))).toBe(sToken);

    const [service] = await root.ok('services.list', { groupId: school.id });
    expect(service).toMatchObject({ locationName: 'North High Location', locationUid: north.uId, activeTokenId: tokenId, usableHere: true });

    const before = dataFolderText(dataDir);
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const bytes of [before, dataFolderText(dataDir)]) {
      expect(bytes).toContain('North High Location');
      expect(bytes).not.toContain(sToken);
      expect(bytes).not.toContain(sToken.slice(10, 50));
    }
    expect(JSON.stringify(app.logged)).not.toContain(sToken.slice(10, 50));
  });

  it('refuses garbage with a precise message and stores nothing', async () => {
    const { add, root, school, secrets } = await setup();
    expect(await add('this is not a token!')).toMatchObject({
      ok: false,
      error: { code: 'TOKEN_INVALID', message: 'The token is not valid: it must be the Base64 text of the .vpptoken file, pasted whole.' },
    });
    const missing = Buffer.from(JSON.stringify({ token: 'abc', orgName: 'X' })).toString('base64');
    expect(await add(missing)).toMatchObject({
      ok: false,
      error: { message: 'The token is not valid: it has no "expDate". Download the token again from Apple School Manager.' },
    });
    expect((await root.ok('services.list', { groupId: school.id }))[0]!.tokens).toEqual([]);
    expect(await secrets.list()).toEqual([]);
  });

  it('accepts a renewal for the same location and refuses a token of another location, naming both', async () => {
    const { sandbox, north, south, add } = await setup();
    expect(await add(sandbox.mintToken(north.id))).toMatchObject({ ok: true });
    expect(await add(sandbox.mintToken(north.id), false)).toMatchObject({ ok: true, value: { token: { active: false } } });
    expect(await add(sandbox.mintToken(south.id))).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          'This token is for the Apple location "South High Location", but "North apps" stands for "North High Location". Add it to the service of that location, or create a new service for it.',
      },
    });
  });

  it('refuses a location that already belongs to another service', async () => {
    const { sandbox, north, add, root, school } = await setup();
    await add(sandbox.mintToken(north.id));
    const second = await root.ok('services.create', { groupId: school.id, name: 'Second service' });
    expect(await add(sandbox.mintToken(north.id), true, second.id)).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'The Apple location "North High Location" already belongs to the service "North apps" in "North High". One location can have only one service.',
      },
    });
  });

  it('refuses a service name already used in the group', async () => {
    const { root, school } = await setup();
    expect(await root.call('services.create', { groupId: school.id, name: 'north APPS' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'This group already has a service named "north APPS".' },
    });
  });

  it('warns when Apple says another MDM manages the location, and when the token expires soon', async () => {
    const { sandbox, north, add, root, school } = await setup();
    sandbox.setForeignMdm(north.id, { id: 'other-mdm', name: 'Other MDM Inc.', metadata: '4.1' });
    const result = await add(sandbox.mintToken(north.id, { expiresAt: new Date(Date.now() + 10 * 86_400_000) }), false);
    expect(result.ok && result.value.warnings).toEqual([
      expect.stringMatching(/^The token expires on \d{4}-\d{2}-\d{2} \(in 10 days\)\./),
      expect.stringMatching(/another MDM server \("Other MDM Inc\."\) manages this location/),
    ]);
    expect(result.ok && result.value.token).toMatchObject({ status: 'expiring', otherMdm: 'Other MDM Inc.' });
    const [service] = await root.ok('services.list', { groupId: school.id });
    expect(service?.otherMdm).toMatchObject({ name: 'Other MDM Inc.' });
    // Not made active, so the location is left to the other MDM.
    expect(sandbox.mdmInfoOf(north.id)).toMatchObject({ id: 'other-mdm' });
  });

  it('Apple answering 503 is retried; when it keeps failing nothing is stored', async () => {
    const { sandbox, north, add, secrets } = await setup();
    sandbox.injectFaults({ kind: 'unavailable', retryAfter: '1' }, { count: 2 });
    expect(await add(sandbox.mintToken(north.id))).toMatchObject({ ok: true });

    sandbox.injectFaults({ kind: 'unavailable', retryAfter: '1' }, { count: 50 });
    expect(await add(sandbox.mintToken(north.id))).toMatchObject({ ok: false, error: { code: 'APPLE_UNAVAILABLE' } });
    expect(await secrets.list()).toHaveLength(1);
  });

  it('Apple asking to wait longer than a dialog can hold ends the call at once, saying when to try again; nothing reaches Apple before then', async () => {
    const { sandbox, north, add, root, tokenIdOf, secrets } = await setup();
    const sToken = sandbox.mintToken(north.id);
    sandbox.injectFaults({ kind: 'unavailable', retryAfter: '120' }, { count: 1 });
    const startedAt = Date.now();
    const refused = await add(sToken);
    const waitMessage = /^Apple asked us to wait 2 minutes; try again after (\d\d):(\d\d)\.$/;
    expect(refused).toMatchObject({ ok: false, error: { code: 'APPLE_UNAVAILABLE', message: expect.stringMatching(waitMessage) } });
    const retryAt = !refused.ok ? new Date((refused.error.details as { retryAt: string }).retryAt).getTime() : 0;
    expect(retryAt - startedAt).toBeGreaterThanOrEqual(119_000);
    expect(await secrets.list()).toEqual([]);

    sandbox.resetTraffic();
    expect(await add(sToken)).toMatchObject({ ok: false, error: { message: expect.stringMatching(waitMessage) } });
    expect(sandbox.recordedRequests()).toEqual([]);

    // Another token (another location's wait is its own) is checked as usual; so is its recheck, until Apple asks it to wait.
    const other = tokenIdOf(await add(sandbox.mintToken(north.id)));
    sandbox.injectFaults({ kind: 'rate-limited', retryAfter: '600' }, { count: 1 });
    expect(await root.call('tokens.recheck', { tokenId: other })).toMatchObject({
      ok: false,
      error: { code: 'APPLE_UNAVAILABLE', message: expect.stringMatching(/^Apple asked us to wait 10 minutes; try again after \d\d:\d\d\.$/) },
    });
  });

  it('a check with Apple can be cancelled, and then nothing is stored', async () => {
    const { sandbox, north, root, service, secrets } = await setup();
    sandbox.injectFaults({ kind: 'slow', delayMs: 5_000 }, { count: 1 });
    const checkId = randomUUID();
    const pending = root.call('tokens.add', { serviceId: service.id, token: sandbox.mintToken(north.id), makeActive: true, checkId });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await root.ok('tokens.cancelCheck', { checkId });
    expect(await pending).toEqual({ ok: false, error: { code: 'APPLE_UNAVAILABLE', message: 'The check with Apple was cancelled. Nothing was stored.' } });
    expect(await secrets.list()).toEqual([]);
  });

  it('only a direct admin of the service group may add tokens', async () => {
    const { app, sandbox, north, root, service } = await setup();
    await root.ok('admins.create', { name: 'Dee District', email: 'dee@s.edu', password: 'district admin pw', directGroupIds: [1] });
    const dee = await signedInAs(app, 'dee', 'dee@s.edu', 'district admin pw');
    expect(await dee.call('tokens.add', { serviceId: service.id, token: sandbox.mintToken(north.id), makeActive: true, checkId: randomUUID() })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only a direct admin of "North High" can add tokens to "North apps".' },
    });
  });
});

describe('the active token', () => {
  it('Make Active swaps, and concurrent activations leave exactly one active token', async () => {
    const { sandbox, north, add, tokenIdOf, root, school } = await setup();
    const ids = [tokenIdOf(await add(sandbox.mintToken(north.id))), tokenIdOf(await add(sandbox.mintToken(north.id), false))];
    expect(await root.ok('tokens.makeActive', { tokenId: ids[1]! })).toMatchObject({ active: true });
    let [service] = await root.ok('services.list', { groupId: school.id });
    expect(service!.tokens.filter((t) => t.active).map((t) => t.id)).toEqual([ids[1]]);

    await Promise.all([...ids, ...ids, ...ids].map((tokenId) => root.call('tokens.makeActive', { tokenId })));
    [service] = await root.ok('services.list', { groupId: school.id });
    expect(service!.tokens.filter((t) => t.active)).toHaveLength(1);
  });

  it('the database itself refuses a second active token', async () => {
    const { sandbox, north, add, app } = await setup();
    await add(sandbox.mintToken(north.id));
    await add(sandbox.mintToken(north.id), false);
    expect(() => app.db.prepare('UPDATE tokens SET active = 1').run()).toThrow(/UNIQUE constraint failed/);
  });
});

describe('claiming the location for this app', () => {
  const ours = (app: { db: import('better-sqlite3').Database }) => ({
    id: app.db.prepare("SELECT value FROM settings WHERE key = 'installation.id'").pluck().get() as string,
    name: 'Managed Distribution desktop',
    metadata: 'unknown',
  });

  it('a token made active claims the location with our mdmInfo; one added inactive does not', async () => {
    const { sandbox, north, add, app } = await setup();
    await add(sandbox.mintToken(north.id), false);
    expect(sandbox.mdmInfoOf(north.id)).toBeNull();
    sandbox.resetTraffic();
    await add(sandbox.mintToken(north.id), true);
    expect(sandbox.mdmInfoOf(north.id)).toEqual(ours(app));
    expect(sandbox.recordedRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /client/config', 'POST /client/config']);
    expect(sandbox.recordedRequests()[1]?.body).toEqual({ mdmInfo: ours(app) });
  });

  it('asks before taking over a location another MDM manages, stores nothing until then, and audits the takeover', async () => {
    const { sandbox, north, add, app, root, school, secrets } = await setup();
    sandbox.setForeignMdm(north.id, { id: 'jamf-1', name: 'Jamf School', metadata: '3.2' });
    const sToken = sandbox.mintToken(north.id);
    expect(await add(sToken)).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Apple says "Jamf School" manages this location. Take it over to make this token active here, or add it without Make Active.',
        details: { otherMdm: 'Jamf School' },
      },
    });
    expect(await secrets.list()).toEqual([]);
    expect(sandbox.mdmInfoOf(north.id)).toMatchObject({ id: 'jamf-1' });

    const taken = await root.call('tokens.add', { serviceId: (await root.ok('services.list', { groupId: school.id }))[0]!.id, token: sToken, makeActive: true, checkId: randomUUID(), takeOver: true });
    expect(taken).toMatchObject({ ok: true, value: { warnings: [], token: { active: true } } });
    expect(sandbox.mdmInfoOf(north.id)).toEqual(ours(app));
    const audit = app.db.prepare("SELECT details FROM audit_entries WHERE action = 'token.takeOver'").pluck().all() as string[];
    expect(audit.map((d) => JSON.parse(d) as unknown)).toEqual([expect.objectContaining({ fromMdmId: 'jamf-1', fromMdmName: 'Jamf School' })]);
    const [service] = await root.ok('services.list', { groupId: school.id });
    expect(service?.otherMdm).toBeNull();
  });

  it('a location another copy of this app claimed (another computer or data folder) is named as such, not as a product', async () => {
    const { sandbox, north, add } = await setup();
    sandbox.setForeignMdm(north.id, { id: 'other-installation-id', name: 'Managed Distribution desktop', metadata: '0.1.0' });
    expect(await add(sandbox.mintToken(north.id))).toMatchObject({
      ok: false,
      error: {
        message: 'Apple says another copy of Managed Distribution desktop (on another computer or data folder) manages this location. Take it over to make this token active here, or add it without Make Active.',
      },
    });
  });

  it('Make Active asks the same way, then claims the location', async () => {
    const { sandbox, north, add, tokenIdOf, app, root } = await setup();
    const first = tokenIdOf(await add(sandbox.mintToken(north.id)));
    const second = tokenIdOf(await add(sandbox.mintToken(north.id), false));
    sandbox.setForeignMdm(north.id, { id: 'mosyle', name: 'Mosyle Manager', metadata: '9' });
    expect(await root.call('tokens.makeActive', { tokenId: second })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { otherMdm: 'Mosyle Manager' } },
    });
    expect(app.db.prepare('SELECT id FROM tokens WHERE active = 1').pluck().all()).toEqual([first]);
    expect(await root.ok('tokens.makeActive', { tokenId: second, takeOver: true })).toMatchObject({ active: true });
    expect(sandbox.mdmInfoOf(north.id)).toEqual(ours(app));
    expect(app.db.prepare("SELECT count(*) FROM audit_entries WHERE action = 'token.takeOver'").pluck().get()).toBe(1);
  });

  it('marks the service when an answer names another MDM since, and clears it when the location is ours again', async () => {
    const { sandbox, north, add, tokenIdOf, app, root, school, service } = await setup();
    const tokenId = tokenIdOf(await add(sandbox.mintToken(north.id)));
    const list = async () => (await root.ok('services.list', { groupId: school.id }))[0]!;
    expect((await list()).otherMdm).toBeNull();

    sandbox.setForeignMdm(north.id, { id: 'kandji', name: 'Kandji', metadata: '2' });
    sandbox.generate(north.id, { seed: 2, apps: 2, users: 4, assignments: 6 });
    await root.ok('sync.start', { serviceId: service.id });
    await vi.waitFor(async () => expect((await list()).otherMdm).toMatchObject({ name: 'Kandji', seenAt: expect.any(String) }));
    const [status] = await root.ok('sync.status', { groupId: school.id });
    expect(status?.otherMdm).toBe('Kandji');
    expect(app.db.prepare("SELECT count(*) FROM audit_entries WHERE action = 'service.otherMdm'").pluck().get()).toBe(1);

    await root.ok('tokens.recheck', { tokenId });
    expect(app.db.prepare("SELECT count(*) FROM audit_entries WHERE action = 'service.otherMdm'").pluck().get()).toBe(1);

    await root.ok('tokens.makeActive', { tokenId, takeOver: true });
    expect((await list()).otherMdm).toBeNull();
  });
});

describe('revocation and removal', () => {
  it('a revoked token is marked revoked at the next call, with the exact message', async () => {
    const { sandbox, north, add, tokenIdOf, root, school } = await setup();
    const sToken = sandbox.mintToken(north.id);
    const tokenId = tokenIdOf(await add(sToken));
    sandbox.revokeToken(sToken);
    expect(await root.call('tokens.recheck', { tokenId })).toMatchObject({
      ok: false,
      error: { code: 'TOKEN_REVOKED', message: 'The sToken has been revoked. Sign in to Apple School Manager and download the token again.' },
    });
    const [service] = await root.ok('services.list', { groupId: school.id });
    expect(service).toMatchObject({ usableHere: false, tokens: [{ id: tokenId, status: 'revoked' }] });
    expect(await root.ok('services.usableTokens', { groupId: school.id })).toEqual([]);
  });

  it('one "not valid" answer (9622) does not mark the token: Apple is asked again a few seconds later, accepts it, and the sync goes on', async () => {
    const { sandbox, north, add, tokenIdOf, root, school, service, app, waits } = await setup();
    const tokenId = tokenIdOf(await add(sandbox.mintToken(north.id)));
    sandbox.injectFaults({ kind: 'error-body', errorNumber: 9622, httpStatus: 401 }, { path: '/assets' });

    const sync = await jobEnd(app, (await root.ok('sync.start', { serviceId: service.id })).id);

    expect(sync.state).toBe('succeeded');
    expect(waits).toContain(CONFIRM_REFUSAL_AFTER_MS);
    const [card] = await root.ok('services.list', { groupId: school.id });
    expect(card).toMatchObject({ usableHere: true, tokens: [{ id: tokenId, status: 'valid', refusal: { refusedAt: expect.any(String), checkedAt: expect.any(String) } }] });
    expect(app.db.prepare("SELECT action FROM audit_entries WHERE action LIKE 'token.%' ORDER BY id").pluck().all()).toEqual(['token.add', 'token.refusedOnce']);

    // Check with Apple forgets a refusal from before it, and keeps one Apple made during it.
    expect((await root.ok('tokens.recheck', { tokenId })).refusal).toBeNull();
    sandbox.injectFaults({ kind: 'error-body', errorNumber: 9622, httpStatus: 401 }, { path: '/client/config' });
    expect(await root.ok('tokens.recheck', { tokenId })).toMatchObject({ status: 'valid', refusal: { refusedAt: expect.any(String), checkedAt: expect.any(String) } });
  });

  it('two "not valid" answers in a row mark the token invalid, with both times, and syncs stop until a new token', async () => {
    const { sandbox, north, add, tokenIdOf, root, school, service, app } = await setup();
    const tokenId = tokenIdOf(await add(sandbox.mintToken(north.id)));
    sandbox.injectFaults({ kind: 'error-body', errorNumber: 9622, httpStatus: 401 }, { path: '/assets' });
    sandbox.injectFaults({ kind: 'error-body', errorNumber: 9622, httpStatus: 401 }, { path: '/client/config' });

    const sync = await jobEnd(app, (await root.ok('sync.start', { serviceId: service.id })).id);

    expect(sync.state).toBe('failed');
    const [card] = await root.ok('services.list', { groupId: school.id });
    expect(card).toMatchObject({ usableHere: false, tokens: [{ id: tokenId, status: 'invalid', refusal: { refusedAt: expect.any(String), checkedAt: expect.any(String) } }] });
    expect(await root.call('sync.start', { serviceId: service.id })).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID' } });
    const [marked] = app.db.prepare("SELECT details FROM audit_entries WHERE action = 'token.status'").pluck().all() as string[];
    expect(JSON.parse(marked!)).toEqual({ status: 'invalid', refusedAt: expect.any(String), refusedAgainAt: expect.any(String) });
  });

  it('removing needs a direct admin of the organization and the typed service name; the keychain entry goes too', async () => {
    const { sandbox, north, add, tokenIdOf, root, secrets } = await setup();
    const tokenId = tokenIdOf(await add(sandbox.mintToken(north.id)));
    expect(await root.call('tokens.remove', { tokenId, confirmation: 'north' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Type the service name "North apps" to confirm.' },
    });
    expect(await root.ok('tokens.remove', { tokenId, confirmation: 'North apps' })).toEqual({});
    expect(await secrets.list()).toEqual([]);
  });

  it('reveal returns the secret to a direct admin and is audited without it', async () => {
    const { sandbox, north, add, tokenIdOf, root, app } = await setup();
    const sToken = sandbox.mintToken(north.id);
    const tokenId = tokenIdOf(await add(sToken));
    expect(await root.ok('tokens.reveal', { tokenId })).toEqual({ secret: sToken });
    const entries = app.db.prepare('SELECT action, details FROM audit_entries ORDER BY id').all() as { action: string; details: string }[];
    expect(entries.map((a) => a.action)).toEqual(expect.arrayContaining(['service.create', 'token.add', 'token.reveal']));
    expect(entries.map((a) => a.details).join('')).not.toContain(sToken.slice(10, 50));
  });
});

describe('which tokens an admin can use here', () => {
  it('a second admin without direct rights on the school cannot use its token there or in a sibling school', async () => {
    const { app, sandbox, north, add, tokenIdOf, root, school } = await setup();
    const tokenId = tokenIdOf(await add(sandbox.mintToken(north.id)));
    const sibling = await root.ok('groups.create', { parentId: 1, name: 'South High', kind: 'school' });
    const algebra = await root.ok('groups.create', { parentId: school.id, name: 'Algebra', kind: 'class' });
    expect((await root.ok('services.usableTokens', { groupId: algebra.id })).map((t) => t.tokenId)).toEqual([tokenId]);
    expect(await root.ok('services.usableTokens', { groupId: sibling.id })).toEqual([]);

    await root.ok('admins.create', { name: 'Dee District', email: 'dee@s.edu', password: 'district admin pw', directGroupIds: [1] });
    const dee = await signedInAs(app, 'dee', 'dee@s.edu', 'district admin pw');
    expect(await dee.ok('services.usableTokens', { groupId: school.id })).toEqual([]);
    expect(await dee.ok('services.usableTokens', { groupId: sibling.id })).toEqual([]);
    const [seen] = await dee.ok('services.list', { groupId: algebra.id });
    expect(seen).toMatchObject({ name: 'North apps', inherited: true, directAdmin: false, usableHere: false });
  });
});

describe('at the same moment', () => {
  it('one token added four times at once is added once; the other three are told it is being added', async () => {
    const { sandbox, north, add, root, school, secrets } = await setup();
    const sToken = sandbox.mintToken(north.id);

    const answers = await Promise.all([add(sToken), add(sToken), add(sToken), add(sToken)]);

    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok)).toEqual(
      Array.from({ length: 3 }, () => ({
        ok: false,
        error: { code: 'CONFLICT', message: 'This token is being added to "North apps" already, in another window or tab. Wait for that to finish.' },
      })),
    );
    const [service] = await root.ok('services.list', { groupId: school.id });
    expect(service!.tokens).toHaveLength(1);
    expect(await secrets.list()).toHaveLength(1);
    expect(await add(sToken)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'This token was already added to "North apps".' } });
  });

  it('Make Active of a token removed while Apple answered is refused, and the service keeps its active token', async () => {
    const { sandbox, north, add, tokenIdOf, root, school } = await setup();
    const active = tokenIdOf(await add(sandbox.mintToken(north.id)));
    const other = tokenIdOf(await add(sandbox.mintToken(north.id), false));
    // Make Active reads client/config, then claims the location with a POST: the POST is slow.
    sandbox.injectFaults({ kind: 'slow', delayMs: 0 }, { path: '/client/config' });
    sandbox.injectFaults({ kind: 'slow', delayMs: 300 }, { path: '/client/config' });

    const activating = root.call('tokens.makeActive', { tokenId: other });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await root.ok('tokens.remove', { tokenId: other, confirmation: 'North apps' });

    expect(await activating).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const [service] = await root.ok('services.list', { groupId: school.id });
    expect(service).toMatchObject({ activeTokenId: active, tokens: [{ id: active, active: true }] });
  });

  it('Check with Apple of a token removed meanwhile is refused, not an error inside the app', async () => {
    const { sandbox, north, add, tokenIdOf, root } = await setup();
    const tokenId = tokenIdOf(await add(sandbox.mintToken(north.id)));
    sandbox.injectFaults({ kind: 'slow', delayMs: 300 }, { path: '/client/config' });

    const checking = root.call('tokens.recheck', { tokenId });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await root.ok('tokens.remove', { tokenId, confirmation: 'North apps' });

    expect(await checking).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
