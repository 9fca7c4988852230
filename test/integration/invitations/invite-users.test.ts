import { jobEnd } from '../../support/import-files';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'plist';
import { startInvitationWorld, type InvitationWorld, type Person } from '../../support/invitation-world';
import { signedInAs } from '../../support/directory-app';
import { plainSettings } from '../../support/mail-district';
import { startFakeNanoMdm } from '../../support/fake-nanomdm';
import { useSandboxes } from '../../support/sandbox';
import { startSmtpTestServer, type SmtpTestServer, type SmtpTestServerOptions } from '../../support/smtp-test-server';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const factories = { tempDir: useTempDirs(), newSecrets: useTestSecretStore(), startApp: useTestApps(), startSandbox: useSandboxes() };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const iPad = { platform: 'iPadOS' as const, osVersion: '17.4' };
const mac = { platform: 'macOS' as const, osVersion: '14.2' };

const students = (count: number): Person[] =>
  Array.from({ length: count }, (_, i) => ({ name: `Student ${String(i + 1).padStart(2, '0')}`, email: `student${i + 1}@springfield.edu`, devices: [iPad] }));

async function smtp(world: InvitationWorld, options: SmtpTestServerOptions = {}, changes = {}): Promise<SmtpTestServer> {
  const server = await startSmtpTestServer(options);
  closers.push(() => server.close());
  await world.root.ok('mail.saveSettings', plainSettings(server, changes));
  return server;
}

function inviteCodeOf(world: InvitationWorld, clientUserId: string): string {
  return world.sandbox.usersOf(world.location.id).find((u) => u.clientUserId === clientUserId)!.inviteCode!;
}

describe('Invite Users', () => {
  it('registers everyone with Apple and emails each eligible person their own link, registers Managed Apple Accounts directly, skipping the rest with a reason', async () => {
    const world = await startInvitationWorld(factories, [
      ...students(3),
      { name: 'No Device', email: 'nodevice@springfield.edu', devices: [] },
      { name: 'No Email', email: null, devices: [iPad] },
      { name: 'Managed Mia', email: 'mia@springfield.edu', managedAppleId: 'mia@appleid.springfield.edu', devices: [iPad] },
    ]);
    const server = await smtp(world);

    const preview = await world.root.ok('invitations.preview', world.options());
    expect(preview).toMatchObject({ users: 3, byEmail: 3, byDevice: 0, registeredDirectly: 1 });
    expect(preview.skipped.map((s) => [s.reason, s.count, s.sample])).toEqual([
      ['no-device', 1, ['No Device']],
      ['no-email', 1, ['No Email']],
    ]);

    const { runId } = await world.root.ok('invitations.start', world.options());
    const run = await world.finished(runId);
    expect(run).toMatchObject({ state: 'finished', counts: { created: 4, registered: 1, emailed: 3, pushed: 0, failed: 0, skipped: 2, total: 4 } });

    // Mia was created with her Managed Apple ID, which Apple associates at once, and was never emailed.
    const mia = world.users.find((u) => u.name === 'Managed Mia')!;
    const created = world.sandbox.recordedRequests().filter((r) => r.path === '/users/create').flatMap((r) => (r.body as { users: unknown[] }).users);
    expect(created).toContainEqual({ clientUserId: mia.clientUserId, email: 'mia@springfield.edu', managedAppleId: 'mia@appleid.springfield.edu' });
    expect(world.sandbox.usersOf(world.location.id).find((u) => u.clientUserId === mia.clientUserId)).toMatchObject({
      status: 'Associated',
      managedAppleId: 'mia@appleid.springfield.edu',
      idHash: expect.any(String),
    });
    expect(run.rows.find((r) => r.name === 'Managed Mia')).toMatchObject({ channel: 'apple', target: 'mia@appleid.springfield.edu', state: 'sent' });
    expect(server.received.filter((r) => r.recipients.includes('mia@springfield.edu'))).toEqual([]);

    expect(server.received).toHaveLength(3);
    for (const user of world.users.slice(0, 3)) {
      const mails = server.received.filter((r) => r.recipients.includes(user.email!));
      expect(mails).toHaveLength(1);
      const code = inviteCodeOf(world, user.clientUserId);
      expect(mails[0]!.mail.text).toContain(`inviteCode=${code}`);
      expect(mails[0]!.mail.subject).toContain('Springfield High');
    }
    expect(run.rows.filter((r) => r.state === 'skipped').map((r) => [r.name, r.reason])).toEqual([
      ['No Device', 'Has no device'],
      ['No Email', 'Has no email address'],
    ]);
    const audit = world.app.db.prepare("SELECT action FROM audit_entries WHERE action LIKE 'invitation.%' ORDER BY id").all() as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['invitation.start', 'invitation.complete']);

    const notYet = await world.root.ok('invitations.preview', world.options({ audience: 'not-invited' }));
    expect(notYet).toMatchObject({ users: 0, registeredDirectly: 0 });
    expect(notYet.skipped).toContainEqual(expect.objectContaining({ reason: 'registered-before', sample: ['Managed Mia'] }));
    const reminder = await world.root.ok('invitations.preview', world.options({ audience: 'reminder' }));
    expect(reminder.users).toBe(3);

    // In the report Mia is associated and was never invited; the emailed ones were.
    await jobEnd(world.app, (await world.root.ok('sync.start', { serviceId: world.service.id })).id);
    const report = await world.root.ok('report.users', { groupId: world.school.id, limit: 50 });
    expect(report.rows.find((u) => u.clientUserId === mia.clientUserId)).toMatchObject({ status: 'Associated', invitedAt: null, managedAppleId: 'mia@appleid.springfield.edu' });
    expect(report.rows.filter((u) => u.invitedAt !== null)).toHaveLength(3);
  });

  it('treats users Apple already has (9716) as registered and invites them too', async () => {
    const world = await startInvitationWorld(factories, students(4));
    const server = await smtp(world);
    const existing = world.users.slice(0, 2).map((u) => ({ clientUserId: u.clientUserId, email: u.email! }));
    await world.appleClient.waitForEvent(await world.appleClient.createUsers(existing));

    const { runId } = await world.root.ok('invitations.start', world.options());
    const run = await world.finished(runId);

    expect(run.counts).toMatchObject({ created: 2, emailed: 4, failed: 0 });
    expect(server.received).toHaveLength(4);
    expect(world.sandbox.usersOf(world.location.id)).toHaveLength(4);
  });

  it('marks recipients the mail server refuses as failed, and Retry failed sends to them only', async () => {
    const world = await startInvitationWorld(factories, students(4));
    const refuse: Record<string, string> = { 'student2@springfield.edu': 'Mailbox unavailable', 'student4@springfield.edu': 'Mailbox full' };
    const server = await smtp(world, { refuse });

    const { runId } = await world.root.ok('invitations.start', world.options());
    const run = await world.finished(runId);
    expect(run.counts).toMatchObject({ emailed: 2, failed: 2 });
    const failed = run.rows.filter((r) => r.state === 'failed');
    expect(failed.map((r) => r.target)).toEqual(['student2@springfield.edu', 'student4@springfield.edu']);
    expect(failed[0]!.reason).toContain('Mailbox unavailable');

    delete refuse['student2@springfield.edu'];
    delete refuse['student4@springfield.edu'];
    const retry = await world.root.ok('invitations.retryFailed', { runId });
    const retried = await world.finished(retry.runId);
    expect(retried.counts).toMatchObject({ created: 0, emailed: 2, failed: 0, total: 2 });
    expect(server.received.map((r) => r.recipients[0]).sort()).toEqual([
      'student1@springfield.edu',
      'student2@springfield.edu',
      'student3@springfield.edu',
      'student4@springfield.edu',
    ]);
  });

  it('sends InviteToProgram with the link to iPhones and iPads through NanoMDM, and not to Macs', async () => {
    const world = await startInvitationWorld(factories, [
      { name: 'Ivy Ipad', email: 'ivy@springfield.edu', devices: [iPad, iPad] },
      { name: 'Max Mac', email: 'max@springfield.edu', devices: [mac] },
    ]);
    const mdm = await startFakeNanoMdm();
    closers.push(() => mdm.close());
    await world.root.ok('mdm.saveSettings', { baseUrl: mdm.baseUrl, apiKey: mdm.apiKey });

    const preview = await world.root.ok('invitations.preview', world.options({ byEmail: false, byDevice: true }));
    expect(preview).toMatchObject({ users: 1, byDevice: 1, devices: 2, skipped: [{ reason: 'macos-device', count: 1, sample: ['Max Mac'] }] });

    const { runId } = await world.root.ok('invitations.start', world.options({ byEmail: false, byDevice: true }));
    const run = await world.finished(runId);
    expect(run.counts).toMatchObject({ pushed: 2, failed: 0 });

    const ivy = world.users[0]!;
    expect(mdm.commandEnqueues()).toHaveLength(1);
    expect(mdm.commandEnqueues()[0]!.ids).toEqual(ivy.udids);
    const plist = parse(mdm.commandEnqueues()[0]!.body) as { Command: Record<string, unknown>; CommandUUID: unknown };
    const command = plist.Command;
    expect(command).toEqual({
      RequestType: 'InviteToProgram',
      ProgramID: 'com.apple.cloudvpp',
      InvitationURL: expect.stringContaining(`inviteCode=${inviteCodeOf(world, ivy.clientUserId)}`),
    });
    expect(typeof plist.CommandUUID).toBe('string');
  });

  it('with no MDM server set, device invitations are refused before anyone is registered with Apple, and the preview says so', async () => {
    const world = await startInvitationWorld(factories, students(2));
    const byDevice = world.options({ byEmail: false, byDevice: true });
    const notSetUp = 'No MDM server is set up yet. A direct admin of the organization enters its address and API key in Settings.';
    expect((await world.root.ok('invitations.preview', byDevice)).mdm).toEqual({ state: 'not-set-up', message: notSetUp });
    expect((await world.root.ok('invitations.preview', world.options())).mdm).toEqual({ state: 'not-needed', message: null });
    expect(await world.root.call('invitations.start', byDevice)).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: `${notSetUp} No invitation was sent and nobody was registered with Apple. Fix the MDM server in Settings, or send the invitations by email only.`,
      },
    });
    expect(world.sandbox.usersOf(world.location.id)).toEqual([]);
    expect(world.app.db.prepare('SELECT count(*) FROM invitation_runs').pluck().get()).toBe(0);
  });

  it('with email not set up, or a mail server refusing the login, email invitations are refused before anyone is registered with Apple, and the preview says so', async () => {
    const world = await startInvitationWorld(factories, students(2));
    const byEmail = world.options();
    const notSetUp = 'Email is not set up yet. A direct admin of the organization enters the mail server and sender address in Settings.';
    expect((await world.root.ok('invitations.preview', byEmail)).mail).toEqual({ state: 'not-set-up', message: notSetUp });
    expect(await world.root.call('invitations.start', byEmail)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: `${notSetUp} No invitation was sent and nobody was registered with Apple. Fix email in Settings, or send the invitations to devices only.` },
    });

    const server = await smtp(world, { users: { mailer: 'right password' } }, { user: 'mailer', password: 'wrong password' });
    const failing = (await world.root.ok('invitations.preview', byEmail)).mail;
    expect(failing).toMatchObject({ state: 'failing', message: expect.stringContaining('refused') });
    expect(await world.root.call('invitations.start', byEmail)).toMatchObject({ ok: false, error: { message: expect.stringContaining('nobody was registered with Apple') } });
    expect(world.sandbox.usersOf(world.location.id)).toEqual([]);
    expect(world.app.db.prepare('SELECT count(*) FROM invitation_runs').pluck().get()).toBe(0);
    expect(server.received).toEqual([]);
    expect((await world.root.ok('invitations.preview', world.options({ byEmail: false, byDevice: true }))).mail).toEqual({ state: 'not-needed', message: null });
  });

  it('counts a device invitation NanoMDM queued but could not push as not reached, and Retry failed pushes it again', async () => {
    const world = await startInvitationWorld(factories, [
      { name: 'Ivy Ipad', email: 'ivy@springfield.edu', devices: [iPad] },
      { name: 'Una Unenrolled', email: 'una@springfield.edu', devices: [iPad] },
    ]);
    const [ivy, una] = world.users as [(typeof world.users)[0], (typeof world.users)[0]];
    const mdm = await startFakeNanoMdm({ enrolled: ivy.udids });
    closers.push(() => mdm.close());
    await world.root.ok('mdm.saveSettings', { baseUrl: mdm.baseUrl, apiKey: mdm.apiKey });

    const { runId } = await world.root.ok('invitations.start', world.options({ byEmail: false, byDevice: true }));
    const run = await world.finished(runId);
    expect(run.counts).toMatchObject({ pushed: 1, notReached: 1, failed: 0, total: 2 });
    const unreached = run.rows.find((r) => r.name === 'Una Unenrolled')!;
    expect(unreached).toMatchObject({ state: 'not-reached', reason: expect.stringMatching(/^Queued, not reached: push data missing for id\./) });
    expect(mdm.queueOf(una.udids[0]!)).toHaveLength(1);
    const notInvitedYet = await world.root.ok('invitations.preview', world.options({ byEmail: false, byDevice: true, audience: 'not-invited' }));
    expect(notInvitedYet.users).toBe(1);

    mdm.enroll(una.udids[0]!);
    const retry = await world.root.ok('invitations.retryFailed', { runId });
    const retried = await world.finished(retry.runId);
    expect(retried.counts).toMatchObject({ created: 0, pushed: 1, notReached: 0, failed: 0, total: 1 });
    expect(mdm.pushes.map((p) => p.ids)).toEqual([una.udids]);
    expect(mdm.commandEnqueues()).toHaveLength(2);
  });

  it('without APNs on the server, every device invitation is queued but not reached', async () => {
    const world = await startInvitationWorld(factories, [{ name: 'Ivy Ipad', email: 'ivy@springfield.edu', devices: [iPad, iPad] }]);
    const mdm = await startFakeNanoMdm({ apnsUnset: true });
    closers.push(() => mdm.close());
    await world.root.ok('mdm.saveSettings', { baseUrl: mdm.baseUrl, apiKey: mdm.apiKey });
    const { runId } = await world.root.ok('invitations.start', world.options({ byEmail: false, byDevice: true }));
    const run = await world.finished(runId);
    expect(run.counts).toMatchObject({ pushed: 0, notReached: 2 });
    for (const row of run.rows) expect(row.reason).toMatch(/no working APNs push certificate/);
  });

  it('resumes after the app closed mid-run without emailing anyone twice', async () => {
    const world = await startInvitationWorld(factories, students(12));
    const server = await smtp(world, {}, { ratePerMinute: 300 });

    const { runId } = await world.root.ok('invitations.start', world.options());
    await server.waitFor(3);
    await world.restart();
    const run = await world.finished(runId);

    expect(run.state).toBe('finished');
    const recipients = server.received.flatMap((r) => r.recipients);
    expect(new Set(recipients).size).toBe(recipients.length);
    const sent = run.rows.filter((r) => r.state === 'sent').map((r) => r.target);
    const maybe = run.rows.filter((r) => r.state === 'failed');
    expect(sent.length + maybe.length).toBe(12);
    for (const row of maybe) expect(row.reason).toMatch(/may have gone out/);
    expect(recipients.sort()).toEqual(expect.arrayContaining(sent.sort()));
    expect(recipients.length).toBeLessThanOrEqual(12);
    const actions = world.app.db.prepare("SELECT action FROM audit_entries WHERE action LIKE 'invitation.%' ORDER BY id").all() as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(['invitation.start', 'invitation.resume', 'invitation.complete']);
  });

  it('refuses an admin who may not use the service token at this level', async () => {
    const world = await startInvitationWorld(factories, students(1));
    const classGroup = await world.root.ok('groups.create', { parentId: world.school.id, name: 'Room 101', kind: 'class' });
    await world.root.ok('admins.create', { name: 'Tess Teacher', email: 'tess@springfield.edu', directGroupIds: [classGroup.id], password: 'teacher password 1' });
    const tess = await signedInAs(world.app, 'tess', 'tess@springfield.edu', 'teacher password 1');

    for (const channel of ['invitations.preview', 'invitations.start'] as const) {
      const result = await tess.call(channel, world.options({ groupId: classGroup.id }));
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('emails a Registered user automatically when a device is given to them', async () => {
    const world = await startInvitationWorld(factories, [{ name: 'Rita Registered', email: 'rita@springfield.edu', devices: [] }]);
    const server = await smtp(world);
    const rita = world.users[0]!;
    await world.appleClient.waitForEvent(await world.appleClient.createUsers([{ clientUserId: rita.clientUserId, email: rita.email! }]));
    const sync = await world.root.ok('sync.start', { serviceId: world.service.id });
    await waitForJob(world, sync.id);

    const device = await world.root.ok('devices.create', { serialNumber: 'SERIALRITA1', name: null, platform: 'iPadOS', osVersion: '17.4', supervised: true, udid: 'UDID-RITA', homeGroupId: world.school.id });
    await world.root.ok('devices.associate', { deviceId: device.id, owner: { kind: 'user', id: rita.id } });

    const [mail] = await server.waitFor(1);
    expect(mail!.recipients).toEqual(['rita@springfield.edu']);
    expect(mail!.mail.text).toContain(`inviteCode=${inviteCodeOf(world, rita.clientUserId)}`);
    const run = world.app.db.prepare('SELECT automatic, admin_id FROM invitation_runs').get() as { automatic: number; admin_id: number };
    expect(run).toEqual({ automatic: 1, admin_id: 1 });
  });
});

async function waitForJob(world: InvitationWorld, jobId: string): Promise<void> {
  for (;;) {
    const job = await world.root.ok('jobs.get', { jobId });
    if (job.state !== 'running') {
      expect(job.state).toBe('succeeded');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
