import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { appleConfigFor, useSandboxes } from '../../support/sandbox';
import { clientOf, withOrganization } from '../../support/directory-app';
import { jobEnd } from '../../support/import-files';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';
import { startFakeNanoMdm, type FakeNanoMdm, type FakeNanoMdmOptions } from '../../support/fake-nanomdm';
import { closedPort } from '../../support/smtp-test-server';
import { AppleClient } from '../../../main/apple/client/apple-client';
import type { AppleSandboxOptions } from '../../../main/apple/sandbox/apple-sandbox';
import type { App } from '../../../main/app';

const startSandbox = useSandboxes();
const startApp = useTestApps();
const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const mdms: FakeNanoMdm[] = [];
afterEach(async () => {
  await Promise.all(mdms.splice(0).map((m) => m.close()));
});

const APP = '361309726';

/** A school with a synced service holding one app, its devices, and a fake NanoMDM. */
async function school(
  options: { total: number; deviceAssignable?: boolean; dataDir?: string; limits?: AppleSandboxOptions['limits']; mdm?: FakeNanoMdmOptions | 'none' } = { total: 10 },
) {
  const sandbox = await startSandbox({ limits: options.limits });
  const location = sandbox.createLocation({ name: 'North High Location' });
  sandbox.addAsset(location.id, {
    adamId: APP,
    pricingParam: 'STDQ',
    productType: 'App',
    totalCount: options.total,
    deviceAssignable: options.deviceAssignable ?? true,
    revocable: true,
    supportedPlatforms: ['iOS', 'macOS'],
  });
  const mdm = await startFakeNanoMdm(options.mdm === 'none' ? {} : options.mdm);
  mdms.push(mdm);
  const dataDir = options.dataDir ?? tempDir();
  const secrets = newSecrets();
  const app = startApp(dataDir, secrets, appleConfigFor(sandbox));
  const root = await withOrganization(app);
  const north = await root.ok('groups.create', { parentId: 1, name: 'North High', kind: 'school' });
  await root.ok('admins.update', { adminId: 1, name: 'Ada Admin', email: 'ada@springfield.edu', directGroupIds: [1, north.id] });
  const service = await root.ok('services.create', { groupId: north.id, name: 'North apps' });
  const token = await root.ok('tokens.add', { serviceId: service.id, token: sandbox.mintToken(location.id), makeActive: true, checkId: randomUUID() });
  if (options.mdm !== 'none') await root.ok('mdm.saveSettings', { baseUrl: mdm.baseUrl, apiKey: mdm.apiKey });
  const sync = async (on: App = app) => jobEnd(on, (await clientOf(on, 'root').ok('sync.start', { serviceId: service.id })).id);
  await sync();
  const device = (n: number, fields: { platform?: 'iOS' | 'iPadOS' | 'macOS'; osVersion?: string; supervised?: boolean } = {}) =>
    root.ok('devices.create', {
      serialNumber: `IPAD${String(n).padStart(8, '0')}`,
      name: `iPad ${n}`,
      platform: fields.platform ?? 'iPadOS',
      osVersion: fields.osVersion ?? '17.4',
      supervised: fields.supervised ?? true,
      udid: `UDID-${n}`,
      homeGroupId: north.id,
    });
  const request = (kind: 'device' | 'user' = 'device') => ({ groupId: north.id, tokenId: token.token.id, adamId: APP, kind, target: 'group' as const });
  /** Apple's side changed outside the app, as Apple School Manager or another MDM would. */
  const appleAsAnotherMdm = () => new AppleClient({ token: sandbox.mintToken(location.id), baseUrl: sandbox.baseUrl, sleep: async () => undefined, events: { pollIntervalMs: 1 } });
  /** Calls that would spend or free a license at Apple. */
  const licenseWrites = () => sandbox.recordedRequests().filter((r) => r.path.startsWith('/assets/') && r.method === 'POST');
  return { licenseWrites, appleAsAnotherMdm, sandbox, location, mdm, app, root, north, service, token, sync, device, request, dataDir, secrets };
}

type InstallCommand = { Command: Record<string, unknown>; CommandUUID: string };

describe('installing an app', () => {
  it('assigns device licenses for a school and sends one InstallApplication per confirmed device', async () => {
    const s = await school({ total: 10 });
    await s.device(1);
    await s.device(2, { supervised: false });
    await s.device(3, { osVersion: '6.1' });

    const preview = await s.root.ok('installs.preview', s.request());
    expect(preview.counts).toMatchObject({ devices: 3, installs: 2, refused: 1, licensesNeeded: 2, available: 10, short: 0 });
    expect(preview.items.find((i) => i.serialNumber === 'IPAD00000003')?.reasons[0]?.code).toBe('os-too-old');
    expect(preview.items.find((i) => i.serialNumber === 'IPAD00000002')?.reasons.map((r) => r.code)).toEqual(['will-ask-user']);

    const started = await s.root.ok('installs.start', s.request());
    const job = await jobEnd(s.app, started.job.id);
    expect(job).toMatchObject({ state: 'succeeded', summary: { licenses: { assigned: 2, failed: 0 }, commands: { queued: 2, failed: 0 } } });
    expect(s.sandbox.assignmentsOf(s.location.id).map((a) => a.serialNumber).sort()).toEqual(['IPAD00000001', 'IPAD00000002']);

    const commands = s.mdm.enqueues.flatMap((e) => e.ids.map((id) => ({ id, plist: e.plist as InstallCommand })));
    expect(commands.map((c) => c.id).sort()).toEqual(['UDID-1', 'UDID-2']);
    expect(commands.find((c) => c.id === 'UDID-1')?.plist.Command).toEqual({
      RequestType: 'InstallApplication',
      iTunesStoreID: 361309726,
      Options: { PurchaseMethod: 1 },
      ManagementFlags: 1,
      ChangeManagementState: 'Managed',
    });

    const results = await s.root.ok('installs.results', { runId: started.runId });
    expect(results.run).toMatchObject({ state: 'finished', assigned: 2, commandsQueued: 2, adminName: 'Ada Admin' });
    await s.sync();
    const licenses = await s.root.ok('report.licenses', { groupId: s.north.id });
    expect(licenses.rows[0]).toMatchObject({ assigned: 2, available: 8 });
  });

  it('warns at the top of the preview when Apple says another MDM now manages the location', async () => {
    const s = await school({ total: 10 });
    await s.device(1);
    expect(await s.root.ok('installs.preview', s.request())).toMatchObject({ otherMdm: null });
    s.sandbox.setForeignMdm(s.location.id, { id: 'jamf-1234', name: 'Jamf School', metadata: '3.1' });
    await s.sync();
    expect(await s.root.ok('installs.preview', s.request())).toMatchObject({ otherMdm: 'Jamf School', counts: { installs: 1 } });
  });

  it("installs on the chosen users' devices only", async () => {
    const s = await school({ total: 10 });
    const person = (name: string) =>
      s.root.ok('users.create', { name, email: `${name.toLowerCase()}@springfield.edu`, managedAppleId: '', role: 'student', gradeLevel: '', externalId: '', homeGroupId: s.north.id });
    const ana = await person('Ana');
    const ben = await person('Ben');
    for (const [n, owner] of [[1, ana], [2, ana], [3, ben]] as const) {
      const device = await s.device(n);
      await s.root.ok('devices.associate', { deviceId: device.id, owner: { kind: 'user', id: owner.id } });
    }

    const chosen = { ...s.request(), target: 'users' as const, userIds: [ana.id] };
    const preview = await s.root.ok('installs.preview', chosen);
    expect(preview.items.map((i) => i.serialNumber).sort()).toEqual(['IPAD00000001', 'IPAD00000002']);
    const started = await s.root.ok('installs.start', chosen);
    expect(await jobEnd(s.app, started.job.id)).toMatchObject({ state: 'succeeded', summary: { licenses: { assigned: 2 } } });
    expect(s.sandbox.assignmentsOf(s.location.id).map((a) => a.serialNumber).sort()).toEqual(['IPAD00000001', 'IPAD00000002']);
  });

  it('licenses a Mac user-based without sending a command', async () => {
    const s = await school({ total: 5 });
    const user = await s.root.ok('users.create', { name: 'Mia Mac', email: 'mia@springfield.edu', managedAppleId: '', role: 'student', gradeLevel: '', externalId: '', homeGroupId: s.north.id });
    const mac = await s.device(1, { platform: 'macOS', osVersion: '14.2' });
    await s.root.ok('devices.associate', { deviceId: mac.id, owner: { kind: 'user', id: user.id } });
    const clientUserId = s.app.db.prepare('SELECT client_user_id FROM users WHERE id = ?').pluck().get(user.id) as string;
    const apple = s.appleAsAnotherMdm();
    await apple.waitForEvent(await apple.createUsers([{ clientUserId, email: 'mia@springfield.edu' }]));
    const created = s.sandbox.usersOf(s.location.id).find((u) => u.clientUserId === clientUserId)!;
    s.sandbox.acceptInvitation(created.inviteCode!);
    await s.sync();

    const preview = await s.root.ok('installs.preview', s.request('user'));
    expect(preview.items[0]).toMatchObject({ outcome: 'license-only', reasons: [{ code: 'license-only-macos' }] });
    const started = await s.root.ok('installs.start', s.request('user'));
    expect(await jobEnd(s.app, started.job.id)).toMatchObject({ state: 'succeeded', summary: { licenses: { assigned: 1 }, commands: { queued: 0, notNeeded: 1 } } });
    expect(s.sandbox.assignmentsOf(s.location.id)).toEqual([{ adamId: APP, pricingParam: 'STDQ', clientUserId }]);
    expect(s.mdm.enqueues).toHaveLength(0);
  });

  it('registers users with a Managed Apple Account directly before a user-based install, with no invitation', async () => {
    const s = await school({ total: 5 });
    const managed = await s.root.ok('users.create', {
      name: 'Max Managed',
      email: 'max@springfield.edu',
      managedAppleId: 'max@appleid.springfield.edu',
      role: 'student',
      gradeLevel: '',
      externalId: '',
      homeGroupId: s.north.id,
    });
    const plain = await s.root.ok('users.create', { name: 'Pat Plain', email: 'pat@springfield.edu', managedAppleId: '', role: 'student', gradeLevel: '', externalId: '', homeGroupId: s.north.id });
    for (const [n, owner] of [[1, managed], [2, plain]] as const) {
      const ipad = await s.device(n);
      await s.root.ok('devices.associate', { deviceId: ipad.id, owner: { kind: 'user', id: owner.id } });
    }
    const clientUserIdOf = (id: number) => s.app.db.prepare('SELECT client_user_id FROM users WHERE id = ?').pluck().get(id) as string;

    const preview = await s.root.ok('installs.preview', s.request('user'));
    const byUser = (name: string) => preview.items.find((i) => i.userName === name);
    expect(byUser('Max Managed')).toMatchObject({ outcome: 'install', reasons: [{ code: 'registered-directly', refusal: false }] });
    expect(byUser('Pat Plain')).toMatchObject({ outcome: 'refused', reasons: [{ code: 'user-not-associated' }] });
    expect(preview.notAssociatedUserIds).toEqual([plain.id]);

    s.sandbox.resetTraffic();
    const started = await s.root.ok('installs.start', s.request('user'));
    expect(await jobEnd(s.app, started.job.id)).toMatchObject({ state: 'succeeded', summary: { licenses: { assigned: 1, failed: 0 }, commands: { queued: 1 } } });
    const writes = s.sandbox.recordedRequests().filter((r) => r.method === 'POST').map((r) => r.path);
    expect(writes).toEqual(['/users/create', '/assets/associate']);
    expect(s.sandbox.recordedRequests().find((r) => r.path === '/users/create')?.body).toEqual({
      users: [{ clientUserId: clientUserIdOf(managed.id), email: 'max@springfield.edu', managedAppleId: 'max@appleid.springfield.edu' }],
    });
    expect(s.sandbox.usersOf(s.location.id)).toEqual([expect.objectContaining({ clientUserId: clientUserIdOf(managed.id), status: 'Associated' })]);
    expect(s.sandbox.assignmentsOf(s.location.id)).toEqual([{ adamId: APP, pricingParam: 'STDQ', clientUserId: clientUserIdOf(managed.id) }]);
    expect(s.mdm.enqueues.flatMap((e) => e.ids)).toEqual(['UDID-1']);
    expect(s.app.db.prepare("SELECT count(*) FROM invitations").pluck().get()).toBe(0);
  });

  it('with too few licenses, installs on as many devices as there are and reports the rest', async () => {
    const s = await school({ total: 2 });
    for (const n of [1, 2, 3]) await s.device(n);
    const preview = await s.root.ok('installs.preview', s.request());
    expect(preview.counts).toMatchObject({ installs: 2, refused: 1, short: 1, licensesNeeded: 3 });

    // Another MDM takes a license meanwhile, so Apple itself refuses one (9709).
    const apple = s.appleAsAnotherMdm();
    await apple.waitForEvent(await apple.associate({ assets: [{ adamId: APP }], serialNumbers: ['OTHER0000001'] }));

    const started = await s.root.ok('installs.start', s.request());
    expect(await jobEnd(s.app, started.job.id)).toMatchObject({ state: 'succeeded', summary: { licenses: { assigned: 1, failed: 1 }, commands: { queued: 1 } } });
    const results = await s.root.ok('installs.results', { runId: started.runId });
    const failed = results.rows.filter((r) => r.license === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.reason).toContain('9709');
    expect(failed[0]?.command).toBe('not-needed');
    expect(s.mdm.enqueues.flatMap((e) => e.ids)).toHaveLength(1);
  });

  it('resumes after the app stopped mid-run without associating twice', async () => {
    const dataDir = tempDir();
    const s = await school({ total: 10, dataDir });
    await s.device(1);
    await s.device(2);
    s.sandbox.setEventDelayMs(300);
    const started = await s.root.ok('installs.start', s.request());
    const states = () => s.app.db.prepare('SELECT license_state FROM install_items').pluck().all();
    for (let i = 0; i < 200 && !states().includes('submitted'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(states()).toEqual(['submitted', 'submitted']);
    s.app.close();
    await new Promise((r) => setTimeout(r, 400));

    const reopened = startApp(dataDir, s.secrets, appleConfigFor(s.sandbox));
    const root = clientOf(reopened, 'root');
    await root.ok('auth.signIn', { email: 'ada@springfield.edu', password: 'correct horse battery' });
    const runs = await root.ok('installs.runs', { groupId: s.north.id });
    expect(runs[0]).toMatchObject({ runId: started.runId, state: 'interrupted' });
    const associatesBefore = s.sandbox.recordedRequests().filter((r) => r.path.endsWith('/assets/associate')).length;
    const resumed = await root.ok('installs.retryFailed', { runId: started.runId });
    expect(await jobEnd(reopened, resumed.job.id)).toMatchObject({ state: 'succeeded', summary: { licenses: { assigned: 2 } } });
    expect(s.sandbox.recordedRequests().filter((r) => r.path.endsWith('/assets/associate')).length).toBe(associatesBefore);
    expect(s.sandbox.assignmentsOf(s.location.id)).toHaveLength(2);
  });

  it('revoking licenses and syncing again gives the counts back', async () => {
    const s = await school({ total: 10 });
    await s.device(1);
    await s.device(2);
    await jobEnd(s.app, (await s.root.ok('installs.start', s.request())).job.id);
    const result = await s.root.ok('licenses.revoke', { groupId: s.north.id, tokenId: s.token.token.id, action: 'disassociate', adamId: APP, serialNumbers: ['IPAD00000001', 'IPAD00000002'] });
    expect(result).toEqual({ requested: 2, done: 2, failures: [] });
    await s.sync();
    expect((await s.root.ok('report.licenses', { groupId: s.north.id })).rows[0]).toMatchObject({ assigned: 0, available: 10 });
  });

  it('another admin without the right to use the token is refused', async () => {
    const s = await school({ total: 10 });
    await s.device(1);
    await s.root.ok('admins.create', { name: 'Dora District', email: 'dora@springfield.edu', directGroupIds: [1], password: 'district admin password' });
    const dora = clientOf(s.app, 'dora');
    await dora.ok('auth.signIn', { email: 'dora@springfield.edu', password: 'district admin password' });
    const answer = await dora.call('installs.start', s.request());
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(s.sandbox.assignmentsOf(s.location.id)).toHaveLength(0);
  });

  it.each([
    { devices: 3, maxSerialNumbers: 3, requests: [3] },
    { devices: 4, maxSerialNumbers: 3, requests: [3, 1] },
  ])('sends $devices devices with maxSerialNumbers $maxSerialNumbers as $requests', async ({ devices, maxSerialNumbers, requests }) => {
    const s = await school({ total: 10, limits: { maxSerialNumbers } });
    for (let n = 1; n <= devices; n++) await s.device(n);
    s.sandbox.resetTraffic();
    await jobEnd(s.app, (await s.root.ok('installs.start', s.request())).job.id);
    const associates = s.sandbox.recordedRequests().filter((r) => r.path === '/assets/associate');
    expect(associates.map((r) => (r.body as { serialNumbers: string[] }).serialNumbers.length)).toEqual(requests);
    expect(s.sandbox.assignmentsOf(s.location.id)).toHaveLength(devices);
  });

  it('retires an Apple user, and suggests reclaiming the license of a device that left the directory', async () => {
    const s = await school({ total: 10 });
    const gone = await s.device(1);
    await s.device(2);
    await jobEnd(s.app, (await s.root.ok('installs.start', s.request())).job.id);
    await s.root.ok('devices.delete', { deviceId: gone.id });
    const user = await s.root.ok('users.create', { name: 'Rae Retired', email: 'rae@springfield.edu', managedAppleId: '', role: 'staff', gradeLevel: '', externalId: '', homeGroupId: s.north.id });
    const clientUserId = s.app.db.prepare('SELECT client_user_id FROM users WHERE id = ?').pluck().get(user.id) as string;
    const apple = s.appleAsAnotherMdm();
    await apple.waitForEvent(await apple.createUsers([{ clientUserId, email: 'rae@springfield.edu' }]));
    await apple.waitForEvent(await apple.associate({ assets: [{ adamId: APP }], clientUserIds: [clientUserId] }));
    await s.sync();

    const retired = await s.root.ok('licenses.retireUsers', { groupId: s.north.id, tokenId: s.token.token.id, clientUserIds: [clientUserId] });
    expect(retired).toEqual({ requested: 1, done: 1, failures: [] });
    await s.sync();
    expect(s.sandbox.usersOf(s.location.id).find((u) => u.clientUserId === clientUserId)?.status).toBe('Retired');

    const suggestions = await s.root.ok('licenses.reclaimSuggestions', { groupId: s.north.id });
    expect(suggestions.map((x) => [x.why, x.serialNumber ?? x.clientUserId])).toContainEqual(['device-gone', 'IPAD00000001']);
  });

  it('a user-based install of Apple Books invites the users who have not joined yet', async () => {
    const s = await school({ total: 5 });
    s.sandbox.addAsset(s.location.id, { adamId: '364709193', pricingParam: 'STDQ', productType: 'App', totalCount: 5, deviceAssignable: false, revocable: true, supportedPlatforms: ['iOS'] });
    const user = await s.root.ok('users.create', { name: 'Reg Istered', email: 'reg@springfield.edu', managedAppleId: '', role: 'student', gradeLevel: '', externalId: '', homeGroupId: s.north.id });
    const ipad = await s.device(1);
    await s.root.ok('devices.associate', { deviceId: ipad.id, owner: { kind: 'user', id: user.id } });
    const clientUserId = s.app.db.prepare('SELECT client_user_id FROM users WHERE id = ?').pluck().get(user.id) as string;
    const apple = s.appleAsAnotherMdm();
    await apple.waitForEvent(await apple.createUsers([{ clientUserId, email: 'reg@springfield.edu' }]));
    await s.sync();

    const books = { ...s.request('user'), adamId: '364709193' };
    expect((await s.root.ok('installs.preview', books)).items[0]?.reasons[0]?.code).toBe('user-not-associated');
    const answer = await s.root.call('installs.start', books);
    expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('1 invitation was sent') } });
    expect(s.sandbox.assignmentsOf(s.location.id)).toHaveLength(0);
  });
});

describe('installing when the MDM server cannot take the commands', () => {
  it('with no MDM server set, says so at the top of the preview and spends no license; licenses only is an explicit choice', async () => {
    const s = await school({ total: 10, mdm: 'none' });
    await s.device(1);
    await s.device(2);
    const notSetUp = 'No MDM server is set up yet. A direct admin of the organization enters its address and API key in Settings.';

    const preview = await s.root.ok('installs.preview', s.request());
    expect(preview.mdm).toEqual({ state: 'not-set-up', message: notSetUp });
    expect(preview.counts).toMatchObject({ installs: 2 });
    expect(await s.root.call('installs.start', s.request())).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: `${notSetUp} Nothing was asked of Apple and no license was assigned. Fix the MDM server in Settings, or choose “Assign licenses only”.` },
    });
    expect(s.licenseWrites()).toEqual([]);
    expect(s.sandbox.assignmentsOf(s.location.id)).toEqual([]);
    expect(s.app.db.prepare('SELECT count(*) FROM install_runs').pluck().get()).toBe(0);

    const licensesOnly = { ...s.request(), licensesOnly: true };
    const chosen = await s.root.ok('installs.preview', licensesOnly);
    expect(chosen.mdm).toEqual({ state: 'not-needed', message: null });
    expect(chosen.items.map((i) => [i.outcome, i.reasons.map((r) => r.code)])).toEqual([
      ['license-only', ['licenses-only']],
      ['license-only', ['licenses-only']],
    ]);
    const started = await s.root.ok('installs.start', licensesOnly);
    expect(await jobEnd(s.app, started.job.id)).toMatchObject({ state: 'succeeded', summary: { licenses: { assigned: 2 }, commands: { queued: 0, notReached: 0, notNeeded: 2 } } });
    expect(s.sandbox.assignmentsOf(s.location.id)).toHaveLength(2);
    expect(s.licenseWrites().map((r) => r.path)).toEqual(['/assets/associate']);
    expect((await s.root.ok('installs.results', { runId: started.runId })).run).toMatchObject({ licensesOnly: true, assigned: 2, commandsQueued: 0 });
    expect(s.app.db.prepare("SELECT details FROM audit_entries WHERE action = 'install.start'").pluck().get()).toContain('"licensesOnly":true');
  });

  it.each([
    { what: 'refuses the API key', setUp: async (s: Awaited<ReturnType<typeof school>>) => s.root.ok('mdm.saveSettings', { baseUrl: s.mdm.baseUrl, apiKey: 'an old key' }), message: /^The MDM server refused the API key\./ },
    {
      what: 'cannot be reached',
      setUp: async (s: Awaited<ReturnType<typeof school>>) => s.root.ok('mdm.saveSettings', { baseUrl: `http://127.0.0.1:${await closedPort()}`, apiKey: 'k' }),
      message: /could not be reached\. It refused the connection/,
    },
  ])('when the MDM server $what, the preview says so and the install asks nothing of Apple', async ({ setUp, message }) => {
    const s = await school({ total: 10 });
    await s.device(1);
    await setUp(s);
    const preview = await s.root.ok('installs.preview', s.request());
    expect(preview.mdm).toEqual({ state: 'failing', message: expect.stringMatching(message) });
    const answer = await s.root.call('installs.start', s.request());
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
    expect(answer.ok ? '' : answer.error.message).toContain('Nothing was asked of Apple and no license was assigned.');
    expect(s.licenseWrites()).toEqual([]);
    expect(s.mdm.commandEnqueues()).toEqual([]);
  });

  it('records a device NanoMDM queued but could not wake as queued, not reached, counted apart, and Retry wakes it without a second command', async () => {
    const s = await school({ total: 10, mdm: { enrolled: ['UDID-1'] } });
    await s.device(1);
    await s.device(2);
    const started = await s.root.ok('installs.start', s.request());
    expect(await jobEnd(s.app, started.job.id)).toMatchObject({ state: 'succeeded', summary: { licenses: { assigned: 2 }, commands: { queued: 1, notReached: 1, failed: 0 } } });

    const results = await s.root.ok('installs.results', { runId: started.runId });
    expect(results.run).toMatchObject({ assigned: 2, commandsQueued: 1, commandsNotReached: 1, failed: 0 });
    expect(results.rows.map((r) => [r.serialNumber, r.command])).toEqual([
      ['IPAD00000001', 'queued'],
      ['IPAD00000002', 'not-reached'],
    ]);
    expect(results.rows[1]?.reason).toBe(
      'Queued, not reached: push data missing for id. The MDM server has no push token for this device: it is not enrolled, or no longer is. The command waits on the server; Retry wakes the device again.',
    );
    const [command] = s.mdm.commandEnqueues();
    expect(s.mdm.queueOf('UDID-2')).toEqual([(command!.plist as { CommandUUID: string }).CommandUUID]);

    s.mdm.enroll('UDID-2');
    const retried = await s.root.ok('installs.retryFailed', { runId: started.runId });
    expect(await jobEnd(s.app, retried.job.id)).toMatchObject({ state: 'succeeded', summary: { commands: { queued: 2, notReached: 0 } } });
    expect(s.mdm.pushes.map((p) => p.ids)).toEqual([['UDID-2']]);
    expect(s.mdm.commandEnqueues()).toHaveLength(1);
    expect(s.sandbox.assignmentsOf(s.location.id)).toHaveLength(2);
  });

  it('records every device as not reached when the server has no APNs certificate, though NanoMDM queued every command', async () => {
    const s = await school({ total: 10, mdm: { apnsUnset: true } });
    await s.device(1);
    await s.device(2);
    const started = await s.root.ok('installs.start', s.request());
    expect(await jobEnd(s.app, started.job.id)).toMatchObject({ summary: { commands: { queued: 0, notReached: 2 } } });
    const { rows, run } = await s.root.ok('installs.results', { runId: started.runId });
    expect(run).toMatchObject({ commandsQueued: 0, commandsNotReached: 2 });
    for (const row of rows) expect(row.reason).toMatch(/^Queued, not reached: retrieving push cert for topic .*: key not found\. The MDM server has no working APNs push certificate/);
    expect(s.mdm.queueOf('UDID-1')).toHaveLength(1);

    s.mdm.setApnsUnset(false);
    const retried = await s.root.ok('installs.retryFailed', { runId: started.runId });
    expect(await jobEnd(s.app, retried.job.id)).toMatchObject({ summary: { commands: { queued: 2, notReached: 0 } } });
    expect(s.mdm.commandEnqueues()).toHaveLength(1);
  });

  it('refuses Retry while the MDM server it needs is not usable, and changes nothing', async () => {
    const s = await school({ total: 10, mdm: { enrolled: [] } });
    await s.device(1);
    const started = await s.root.ok('installs.start', s.request());
    await jobEnd(s.app, started.job.id);
    await s.root.ok('mdm.saveSettings', { baseUrl: s.mdm.baseUrl, apiKey: 'an old key' });
    expect(await s.root.call('installs.retryFailed', { runId: started.runId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/^The MDM server refused the API key\..* Nothing was retried\./) },
    });
    expect(s.mdm.pushes).toEqual([]);
    expect((await s.root.ok('installs.results', { runId: started.runId })).rows[0]?.command).toBe('not-reached');
  });
});
