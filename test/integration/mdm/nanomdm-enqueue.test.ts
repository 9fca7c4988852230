import { afterEach, describe, expect, it } from 'vitest';
import { installApplication, inviteToProgram } from '../../../main/mdm/mdm-commands';
import { NanoMdmAdapter } from '../../../main/mdm/nanomdm-adapter';
import { startFakeNanoMdm, type FakeNanoMdm, type FakeNanoMdmOptions } from '../../support/fake-nanomdm';
import { closedPort } from '../../support/smtp-test-server';

const servers: FakeNanoMdm[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function nanoMdm(options: FakeNanoMdmOptions = {}) {
  const server = await startFakeNanoMdm(options);
  servers.push(server);
  return { server, adapter: new NanoMdmAdapter({ baseUrl: `${server.baseUrl}/`, apiKey: server.apiKey }) };
}

const udid = (n: number) => `00008101-${String(n).padStart(16, '0')}`;
const link = 'https://buy.itunes.apple.com/WebObjects/MZFinance.woa/wa/associateVPPUserWithITSAccount?inviteCode=abc&mt=8';

describe('enqueueing through NanoMDM', () => {
  it('PUTs the InviteToProgram plist for the ids in the path, signed in as nanomdm', async () => {
    const { server, adapter } = await nanoMdm();
    const command = inviteToProgram(link);
    const userChannel = `${udid(2)}:B3A2F7E0-1C9D-4E1A-9F00-0123456789AB`;

    const { results } = await adapter.enqueue([udid(1), userChannel], command);

    expect(results).toEqual([
      { enrollmentId: udid(1), status: 'queued', commandUuid: command.commandUuid, pushError: null },
      { enrollmentId: userChannel, status: 'queued', commandUuid: command.commandUuid, pushError: null },
    ]);
    expect(server.enqueues).toHaveLength(1);
    const [request] = server.enqueues;
    expect(request).toMatchObject({ method: 'PUT', ids: [udid(1), userChannel], credentials: `nanomdm:${server.apiKey}`, contentType: 'application/xml; charset=utf-8' });
    expect(request?.plist).toEqual({
      Command: { RequestType: 'InviteToProgram', ProgramID: 'com.apple.cloudvpp', InvitationURL: link },
      CommandUUID: command.commandUuid,
    });
  });

  it('sends InstallApplication with the keys each platform needs', async () => {
    const { server, adapter } = await nanoMdm();
    await adapter.enqueue([udid(1)], installApplication({ adamId: '361309726', platform: 'iPadOS', osVersion: '17.4', supervised: true }));
    await adapter.enqueue([udid(2)], installApplication({ adamId: '361309726', platform: 'macOS', osVersion: '14.2', supervised: false }));

    const [ipad, mac] = server.enqueues.map((e) => (e.plist as { Command: unknown }).Command);
    expect(ipad).toEqual({
      RequestType: 'InstallApplication',
      iTunesStoreID: 361309726,
      Options: { PurchaseMethod: 1 },
      ManagementFlags: 1,
      ChangeManagementState: 'Managed',
    });
    expect(mac).toEqual({
      RequestType: 'InstallApplication',
      iTunesStoreID: 361309726,
      Options: { PurchaseMethod: 1 },
      InstallAsManaged: true,
    });
    expect(server.enqueues[0]?.body).toContain('<key>iTunesStoreID</key>\n      <integer>361309726</integer>');
  });

  it('reads a partial answer (207) per enrollment: refused ids failed, push failures still queued', async () => {
    const { server, adapter } = await nanoMdm({
      commandErrors: { [udid(2)]: 'enrollment is not enabled' },
      pushErrors: { [udid(3)]: 'BadDeviceToken' },
    });
    const command = inviteToProgram(link);
    const { results } = await adapter.enqueue([udid(1), udid(2), udid(3)], command);
    expect(results).toEqual([
      { enrollmentId: udid(1), status: 'queued', commandUuid: command.commandUuid, pushError: null },
      {
        enrollmentId: udid(2),
        status: 'failed',
        commandUuid: command.commandUuid,
        reason: 'The MDM server could not queue the command: enrollment is not enabled',
      },
      { enrollmentId: udid(3), status: 'queued', commandUuid: command.commandUuid, pushError: 'BadDeviceToken' },
    ]);
    expect(server.enqueues).toHaveLength(1);
  });

  it('finds the one unknown enrollment that made NanoMDM refuse a whole batch', async () => {
    const { server, adapter } = await nanoMdm({ storage: 'sql', enrolled: [udid(1), udid(3)] });
    const { results } = await adapter.enqueue([udid(1), udid(2), udid(3)], inviteToProgram(link));
    expect(results.map((r) => [r.enrollmentId, r.status])).toEqual([
      [udid(1), 'queued'],
      [udid(2), 'failed'],
      [udid(3), 'queued'],
    ]);
    expect(results[1]).toMatchObject({ reason: expect.stringContaining('foreign key') });
    expect(server.enqueues.map((e) => e.ids)).toEqual([[udid(1), udid(2), udid(3)], [udid(1)], [udid(2)], [udid(3)]]);
    const uuids = server.enqueues.map((e) => (e.plist as { CommandUUID: string }).CommandUUID);
    expect(new Set(uuids).size).toBe(4);
  });

  it('splits many ids into URL-sized batches, each stored under its own CommandUUID', async () => {
    const { server, adapter } = await nanoMdm();
    const ids = Array.from({ length: 250 }, (_, i) => udid(i));
    const command = inviteToProgram(link);
    const { results } = await adapter.enqueue([...ids, ids[0]!], command);

    expect(results.map((r) => r.enrollmentId)).toEqual(ids);
    expect(results.every((r) => r.status === 'queued')).toBe(true);
    expect(server.enqueues).toHaveLength(2);
    expect(server.enqueues.flatMap((e) => e.ids)).toEqual(ids);
    const uuids = server.enqueues.map((e) => (e.plist as { CommandUUID: string }).CommandUUID);
    expect(uuids[0]).toBe(command.commandUuid);
    expect(new Set(uuids).size).toBe(server.enqueues.length);
    for (const request of server.enqueues) expect(request.ids.map(encodeURIComponent).join(',').length).toBeLessThanOrEqual(4000);
  });

  it('says the API key was refused (401)', async () => {
    const { server } = await nanoMdm();
    const adapter = new NanoMdmAdapter({ baseUrl: server.baseUrl, apiKey: 'not the key' });
    await expect(adapter.enqueue([udid(1)], inviteToProgram(link))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'The MDM server refused the API key. Enter the key NanoMDM was started with (its -api option) in Settings.',
    });
    expect(server.enqueues).toEqual([]);
  });

  it('says the server could not be reached, and gives up on a silent one in bounded time', async () => {
    const port = await closedPort();
    const gone = new NanoMdmAdapter({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k' });
    await expect(gone.enqueue([udid(1)], inviteToProgram(link))).rejects.toMatchObject({
      code: 'OFFLINE',
      message: `The MDM server at http://127.0.0.1:${port} could not be reached. It refused the connection: check the address and that NanoMDM is running.`,
    });

    const { server } = await nanoMdm({ stall: true });
    const silent = new NanoMdmAdapter({ baseUrl: server.baseUrl, apiKey: server.apiKey }, { timeoutMs: 300 });
    await expect(silent.enqueue([udid(1)], inviteToProgram(link))).rejects.toMatchObject({
      code: 'OFFLINE',
      message: `The MDM server at ${server.baseUrl} could not be reached. It did not answer within 1 second.`,
    });
  });

  it('reports the rest as failed when the server refuses after part of the command was queued', async () => {
    const { server } = await nanoMdm({ refuseKeyAfter: 1 });
    const onePerBatch = new NanoMdmAdapter({ baseUrl: server.baseUrl, apiKey: server.apiKey }, { maxPathChars: 30 });
    const { results } = await onePerBatch.enqueue([udid(1), udid(2), udid(3)], inviteToProgram(link));
    const refused = 'The MDM server refused the API key. Enter the key NanoMDM was started with (its -api option) in Settings.';
    expect(results.map((r) => [r.enrollmentId, r.status, r.status === 'failed' ? r.reason : null])).toEqual([
      [udid(1), 'queued', null],
      [udid(2), 'failed', refused],
      [udid(3), 'failed', refused],
    ]);
    expect(server.enqueues).toHaveLength(1);
  });
});
