import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelInput, Result } from '../../../preload/contract';
import { clientOf, signedInAs, withOrganization } from '../../support/directory-app';
import { jobEnd } from '../../support/import-files';
import { plainSettings } from '../../support/mail-district';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { appleConfigFor, useSandboxes } from '../../support/sandbox';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const startSandbox = useSandboxes();
const startApp = useTestApps();
const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const smtpServers: SmtpTestServer[] = [];
afterEach(async () => {
  await Promise.all(smtpServers.splice(0).map((server) => server.close()));
});

const APP = '361309726';
const MISSING = 987_654;
const PASSWORD = 'correct horse battery';

/**
 * Branch A (Alpha School, its service, token, user, device, an install and an invitation run)
 * and branch B, whose only admin Bea asks for A's records by id.
 */
async function twoBranches() {
  const sandbox = await startSandbox();
  const location = sandbox.createLocation({ name: 'Alpha Location' });
  sandbox.addAsset(location.id, { adamId: APP, pricingParam: 'STDQ', productType: 'App', totalCount: 10, deviceAssignable: true, revocable: true, supportedPlatforms: ['iOS'] });
  const app = startApp(tempDir(), newSecrets(), appleConfigFor(sandbox));
  const root = await withOrganization(app);
  const alpha = await root.ok('groups.create', { parentId: 1, name: 'Alpha School', kind: 'school' });
  const bravo = await root.ok('groups.create', { parentId: 1, name: 'Bravo School', kind: 'school' });
  await root.ok('admins.update', { adminId: 1, name: 'Ada Admin', email: 'ada@springfield.edu', directGroupIds: [1, alpha.id] });
  const alphaAdmin = await root.ok('admins.create', { name: 'Alan Alpha', email: 'alan@alpha.edu', directGroupIds: [alpha.id], password: PASSWORD });
  await root.ok('admins.create', { name: 'Bea Bravo', email: 'bea@bravo.edu', directGroupIds: [bravo.id], password: PASSWORD });

  const service = await root.ok('services.create', { groupId: alpha.id, name: 'Alpha apps' });
  const token = await root.ok('tokens.add', { serviceId: service.id, token: sandbox.mintToken(location.id), makeActive: true, checkId: randomUUID() });
  await jobEnd(app, (await root.ok('sync.start', { serviceId: service.id })).id);
  const user = await root.ok('users.create', { name: 'Alice Alpha', email: 'alice@alpha.edu', managedAppleId: null, role: 'student', gradeLevel: null, externalId: null, homeGroupId: alpha.id });
  const device = await root.ok('devices.create', { serialNumber: 'ALPHA0000001', name: 'Alpha iPad', platform: 'iPadOS', osVersion: '17.4', supervised: true, udid: 'UDID-ALPHA', homeGroupId: alpha.id });
  await root.ok('devices.associate', { deviceId: device.id, owner: { kind: 'user', id: user.id } });
  const install = await root.ok('installs.start', { groupId: alpha.id, tokenId: token.token.id, adamId: APP, kind: 'device', target: 'group', licensesOnly: true });
  await jobEnd(app, install.job.id);
  const smtp = await startSmtpTestServer();
  smtpServers.push(smtp);
  await root.ok('mail.saveSettings', plainSettings(smtp));
  const invitation = await root.ok('invitations.start', { serviceId: service.id, groupId: alpha.id, audience: 'all', byEmail: true, byDevice: false });
  await jobEnd(app, invitation.job.id);

  const bea = await signedInAs(app, 'bea', 'bea@bravo.edu', PASSWORD);
  const beaDevice = await clientOf(app, 'root').ok('devices.create', { serialNumber: 'BRAVO0000001', name: null, platform: 'iPadOS', osVersion: '17.4', supervised: true, udid: null, homeGroupId: bravo.id });
  return { sandbox, location, app, root, bea, bravo, alpha, alphaAdmin, service, token: token.token, user, device, beaDevice, installRunId: install.runId, invitationRunId: invitation.runId };
}

type Ask = { [C in Channel]: [C, (id: number | string) => ChannelInput<C>] }[Channel];

describe("an admin asking by id for another branch's records", () => {
  it('gets NOT_FOUND, without any of its names, exactly as for an id that does not exist', async () => {
    const w = await twoBranches();
    const userInput = { name: 'Renamed', email: null, managedAppleId: null, role: 'student' as const, gradeLevel: null, externalId: null, homeGroupId: w.bravo.id };
    const deviceInput = { serialNumber: 'RENAMED00001', name: null, platform: 'iPadOS' as const, osVersion: '17.4', supervised: true, udid: null, homeGroupId: w.bravo.id };
    const installRequest = (tokenId: number) => ({ groupId: w.bravo.id, tokenId, adamId: APP, kind: 'device' as const, target: 'group' as const });
    const table: { record: string; theirs: number | string; missing: number | string; asks: Ask[] }[] = [
      {
        record: 'group',
        theirs: w.alpha.id,
        missing: MISSING,
        asks: [
          ['groups.rename', (groupId) => ({ groupId: groupId as number, name: 'Renamed' })],
          ['groups.delete', (groupId) => ({ groupId: groupId as number })],
          ['groups.create', (parentId) => ({ parentId: parentId as number, name: 'Inside', kind: 'class' })],
          ['groups.move', (groupId) => ({ groupId: w.bravo.id, newParentId: groupId as number })],
          ['users.list', (groupId) => ({ groupId: groupId as number })],
          ['devices.list', (groupId) => ({ groupId: groupId as number })],
          ['admins.list', (groupId) => ({ groupId: groupId as number })],
          ['services.list', (groupId) => ({ groupId: groupId as number })],
          ['services.create', (groupId) => ({ groupId: groupId as number, name: 'Mine now' })],
          ['sync.status', (groupId) => ({ groupId: groupId as number })],
          ['report.licenses', (groupId) => ({ groupId: groupId as number })],
          ['installs.runs', (groupId) => ({ groupId: groupId as number })],
          ['mail.previewInvitation', (groupId) => ({ groupId: groupId as number })],
        ],
      },
      {
        record: 'service',
        theirs: w.service.id,
        missing: MISSING,
        asks: [
          ['tokens.add', (serviceId) => ({ serviceId: serviceId as number, token: 'not even a token', makeActive: true, checkId: randomUUID() })],
          ['sync.start', (serviceId) => ({ serviceId: serviceId as number })],
          ['invitations.preview', (serviceId) => ({ serviceId: serviceId as number, groupId: w.bravo.id, audience: 'all' as const, byEmail: true, byDevice: false })],
          ['invitations.start', (serviceId) => ({ serviceId: serviceId as number, groupId: w.bravo.id, audience: 'all' as const, byEmail: true, byDevice: false })],
          ['report.assignments', (serviceId) => ({ groupId: w.bravo.id, serviceId: serviceId as number, adamId: APP, pricing: 'STDQ' as const })],
        ],
      },
      {
        record: 'token',
        theirs: w.token.id,
        missing: MISSING,
        asks: [
          ['tokens.reveal', (tokenId) => ({ tokenId: tokenId as number })],
          ['tokens.recheck', (tokenId) => ({ tokenId: tokenId as number })],
          ['tokens.makeActive', (tokenId) => ({ tokenId: tokenId as number })],
          ['tokens.remove', (tokenId) => ({ tokenId: tokenId as number, confirmation: 'Alpha apps' })],
          ['installs.preview', (tokenId) => installRequest(tokenId as number)],
          ['installs.start', (tokenId) => installRequest(tokenId as number)],
          ['licenses.retireUsers', (tokenId) => ({ groupId: w.bravo.id, tokenId: tokenId as number, clientUserIds: ['someone'] })],
        ],
      },
      {
        record: 'user',
        theirs: w.user.id,
        missing: MISSING,
        asks: [
          ['users.update', (userId) => ({ ...userInput, userId: userId as number })],
          ['users.delete', (userId) => ({ userId: userId as number })],
          ['devices.associate', (userId) => ({ deviceId: w.beaDevice.id, owner: { kind: 'user' as const, id: userId as number } })],
        ],
      },
      {
        record: 'device',
        theirs: w.device.id,
        missing: MISSING,
        asks: [
          ['devices.update', (deviceId) => ({ ...deviceInput, deviceId: deviceId as number })],
          ['devices.delete', (deviceId) => ({ deviceId: deviceId as number })],
          ['devices.associate', (deviceId) => ({ deviceId: deviceId as number, owner: null })],
        ],
      },
      {
        record: 'admin',
        theirs: w.alphaAdmin.id,
        missing: MISSING,
        asks: [
          ['devices.associate', (adminId) => ({ deviceId: w.beaDevice.id, owner: { kind: 'admin' as const, id: adminId as number } })],
          ['admins.update', (adminId) => ({ adminId: adminId as number, name: 'Renamed Admin', email: 'renamed@bravo.edu', directGroupIds: [w.bravo.id] })],
          ['admins.setDisabled', (adminId) => ({ adminId: adminId as number, disabled: true })],
          ['admins.resetPassword', (adminId) => ({ adminId: adminId as number, password: 'a fresh long passphrase' })],
        ],
      },
      {
        record: 'install run',
        theirs: w.installRunId,
        missing: randomUUID(),
        asks: [
          ['installs.results', (runId) => ({ runId: runId as string })],
          ['installs.retryFailed', (runId) => ({ runId: runId as string })],
        ],
      },
      {
        record: 'invitation run',
        theirs: w.invitationRunId,
        missing: randomUUID(),
        asks: [
          ['invitations.results', (runId) => ({ runId: runId as string })],
          ['invitations.retryFailed', (runId) => ({ runId: runId as string })],
        ],
      },
    ];

    const answers: { record: string; channel: Channel; theirs: Result<unknown>; missing: Result<unknown> }[] = [];
    for (const { record, theirs, missing, asks } of table) {
      for (const [channel, input] of asks) {
        const ask = (id: number | string) => w.bea.call(channel, input(id) as never);
        answers.push({ record, channel, theirs: await ask(theirs), missing: await ask(missing) });
      }
    }

    for (const answer of answers) {
      expect({ ...answer, theirs: answer.theirs }, `${answer.record} via ${answer.channel}`).toEqual({ ...answer, theirs: answer.missing });
      expect(answer.theirs, `${answer.record} via ${answer.channel}`).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(JSON.stringify(answers)).not.toMatch(/Alpha|Alice|Alan/);
  });

  it('what the admin sees but may not do is refused by name: a service kept above their school', async () => {
    const w = await twoBranches();
    const district = await w.root.ok('services.create', { groupId: 1, name: 'District apps' });
    expect((await w.bea.ok('services.list', { groupId: w.bravo.id })).map((s) => [s.name, s.inherited])).toEqual([['District apps', true]]);

    expect(await w.bea.call('tokens.add', { serviceId: district.id, token: 'not even a token', makeActive: true, checkId: randomUUID() })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only a direct admin of "Springfield District" can add tokens to "District apps".' },
    });
    expect(await w.bea.call('sync.start', { serviceId: district.id })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '"District apps" is kept in "Springfield District": only its admins, and those of the groups above it, sync it.' },
    });
  });

  it("a token of a location another branch's service holds is refused without naming that service or its group", async () => {
    const w = await twoBranches();
    const mine = await w.bea.ok('services.create', { groupId: w.bravo.id, name: 'Bravo apps' });

    expect(await w.bea.call('tokens.add', { serviceId: mine.id, token: w.sandbox.mintToken(w.location.id), makeActive: false, checkId: randomUUID() })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          'The Apple location "Alpha Location" already belongs to a service of another part of the organization. One location can have only one service; ask an admin of the organization.',
      },
    });
  });
});
