import { describe, expect, it } from 'vitest';
import { AppleApiError } from '../../../main/apple/errors/apple-api-error';
import { invitationUrl } from '../../../main/apple/model/service-config';
import { managedByAnotherMdm } from '../../../main/apple/model/location-config';
import { parseAppleDate } from '../../../main/apple/wire/apple-date';
import { caught, startSandboxHarness } from '../../support/apple/sandbox-harness';

const app = { pricingParam: 'STDQ', productType: 'App' as const, deviceAssignable: true, revocable: true, supportedPlatforms: ['iOS'] };

describe('the v2 client against the sandbox', () => {
  it('reads the service config once and again after five minutes', async () => {
    const { client, sandbox, time } = await startSandboxHarness({ limits: { maxAssets: 10 } });
    const config = await client.getServiceConfig();
    expect(config.limits).toMatchObject({ maxAssets: 10, maxUsers: 100, maxClientUserIds: 1000, maxRevokeSerialNumbers: 100 });
    expect(config.invitationUrlTemplate).toContain('%25inviteCode%25');
    expect(config.errorCodes).toContainEqual({ errorNumber: 9625, errorMessage: 'The server has revoked the sToken.' });
    expect(config.contentMetadataLookupUrl).toBe(`${sandbox.origin}/WebObjects/MZStorePlatform.woa/wa/lookup`);
    expect(config.notificationTypes).toContain('ASSET_MANAGEMENT');
    await client.getServiceConfig();
    expect(sandbox.recordedRequests().filter((request) => request.path === '/service/config')).toHaveLength(1);
    time.advance(5 * 60 * 1000);
    await client.getServiceConfig();
    expect(sandbox.recordedRequests().filter((request) => request.path === '/service/config')).toHaveLength(2);
  });

  it('reads and sets the client config, and notices another MDM taking over', async () => {
    const { client, sandbox, location, token } = await startSandboxHarness();
    const before = await client.getClientConfig();
    expect(before).toMatchObject({ locationName: 'Lincoln Elementary', uId: location.uId, countryCode: 'US', mdmInfo: null, subscribedNotificationTypes: [] });
    const { expDate } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { expDate: string };
    expect(before.tokenExpiresAt?.toISOString()).toBe(parseAppleDate(expDate)?.toISOString());

    const claimed = await client.updateClientConfig({
      mdmInfo: { id: 'md-desktop-1', name: 'Managed Distribution', metadata: 'v0.1' },
      notificationUrl: 'https://mdm.example.org/apple',
      notificationAuthToken: 'SUp3rS3Cr3t',
      notificationTypes: ['ASSET_MANAGEMENT', 'USER_ASSOCIATED'],
    });
    expect(claimed.mdmInfo).toEqual({ id: 'md-desktop-1', name: 'Managed Distribution', metadata: 'v0.1' });
    expect(claimed).toMatchObject({
      notificationUrl: 'https://mdm.example.org/apple',
      notificationAuthToken: 'SUp3rS3Cr3t',
      subscribedNotificationTypes: ['ASSET_MANAGEMENT', 'USER_ASSOCIATED'],
    });
    // GET answers the subscribed types under Apple's answer name too.
    expect((await client.getClientConfig()).subscribedNotificationTypes).toEqual(['ASSET_MANAGEMENT', 'USER_ASSOCIATED']);
    expect(managedByAnotherMdm(await client.getClientConfig(), 'md-desktop-1')).toBe(false);

    sandbox.setForeignMdm(location.id, { id: 'other-mdm', name: 'Another MDM', metadata: '1.0' });
    expect(managedByAnotherMdm(await client.getClientConfig(), 'md-desktop-1')).toBe(true);
  });

  it('tells which MDM each answer names: client config, assignments pages and event status', async () => {
    const { clientWith, sandbox, location } = await startSandboxHarness();
    const seen: string[] = [];
    const client = clientWith({ onMdmInfo: (info) => seen.push(info.name) });
    await client.readAssignments().all();
    expect(seen).toEqual([]);
    sandbox.setForeignMdm(location.id, { id: 'other-mdm', name: 'Another MDM', metadata: '1.0' });
    await client.getClientConfig();
    await client.readAssignments().all();
    await client.waitForEvent(await client.createUsers([{ clientUserId: 'u-1' }]));
    expect(seen).toEqual(['Another MDM', 'Another MDM', 'Another MDM']);
  });

  it('refuses an mdmInfo without all of id, name and metadata before Apple sees it', async () => {
    const { client, sandbox } = await startSandboxHarness();
    sandbox.resetTraffic();
    const partial = await caught(() => client.updateClientConfig({ mdmInfo: { id: 'x', name: 'n' } as never }));
    expect(partial).toMatchObject({ code: 'VALIDATION' });
    expect(sandbox.recordedRequests()).toHaveLength(0);
  });

  it('lists assets with filters, free titles as unlimited', async () => {
    const { client, sandbox, location } = await startSandboxHarness();
    sandbox.addAsset(location.id, { ...app, adamId: '100', totalCount: 10 });
    sandbox.addAsset(location.id, { ...app, adamId: '200', totalCount: 2147483647 });
    sandbox.addAsset(location.id, { ...app, adamId: '300', productType: 'Book', deviceAssignable: false, revocable: false, totalCount: 5 });

    const all = await client.readAssets().all();
    expect(all.map((asset) => asset.adamId)).toEqual(['100', '200', '300']);
    expect(all[0]).toMatchObject({ unlimited: false, totalCount: 10, availableCount: 10, assignedCount: 0, supportedPlatforms: ['iOS'] });
    expect(all[1]).toMatchObject({ unlimited: true, totalCount: null, availableCount: null });
    expect((await client.readAssets({ productType: 'Book' }).all()).map((asset) => asset.adamId)).toEqual(['300']);
    expect((await client.readAssets({ deviceAssignable: false }).all()).map((asset) => asset.adamId)).toEqual(['300']);
    await client.waitForEvent(await client.createUsers([{ clientUserId: 'u-1' }]));
    await client.waitForEvent(await client.associate({ assets: [{ adamId: '200' }], clientUserIds: ['u-1'] }));
    const unlimited = await client.readAssets({ unlimited: true }).all();
    expect(unlimited).toEqual([
      expect.objectContaining({ adamId: '200', unlimited: true, totalCount: null, availableCount: null, assignedCount: 1, deviceAssignable: true, revocable: true }),
    ]);
    expect(sandbox.recordedRequests().at(-1)?.query).toEqual({ unlimited: 'true' });
  });

  it('creates, invites, updates and retires users', async () => {
    const { client, sandbox } = await startSandboxHarness();
    const created = await client.createUsers([
      { clientUserId: 'u-1', email: 'ava.kim@lincoln.example.org' },
      { clientUserId: 'u-2', managedAppleId: 'liam@appleid.lincoln.example.org' },
    ]);
    expect(await client.waitForEvent(created)).toMatchObject({ state: 'COMPLETE', type: 'CREATE', numCompleted: 2, numRequested: 2, failures: [] });

    const [ava, liam] = await client.readUsers().all();
    expect(ava).toMatchObject({ clientUserId: 'u-1', email: 'ava.kim@lincoln.example.org', status: 'Registered', idHash: null });
    expect(ava?.inviteCode).toMatch(/^[0-9a-f]{32}$/);
    expect(liam).toMatchObject({ clientUserId: 'u-2', status: 'Associated', inviteCode: null });

    const link = invitationUrl(await client.getServiceConfig(), ava?.inviteCode ?? '');
    expect(link).toBe(`${sandbox.origin}/sandbox/invitation?inviteCode=${ava?.inviteCode}&mt=8`);
    expect(sandbox.acceptInvitation(ava?.inviteCode ?? '')).toMatchObject({ clientUserId: 'u-1' });
    expect(sandbox.acceptInvitation(ava?.inviteCode ?? '')).toBeNull();
    expect((await client.readUsers({ clientUserId: 'u-1' }).all())[0]).toMatchObject({ status: 'Associated', inviteCode: null, idHash: expect.any(String) });

    await client.waitForEvent(await client.updateUsers([{ clientUserId: 'u-1', email: 'ava.k@lincoln.example.org' }]));
    await client.waitForEvent(await client.retireUsers([{ clientUserId: 'u-2' }]));
    const after = await client.readUsers().all();
    expect(after.map((user) => [user.clientUserId, user.email, user.status])).toEqual([
      ['u-1', 'ava.k@lincoln.example.org', 'Associated'],
      ['u-2', null, 'Retired'],
    ]);
    expect((await client.readUsers({ activeOnly: true }).all()).map((user) => user.clientUserId)).toEqual(['u-1']);
    expect((await client.readUsers({ retiredOnly: true }).all()).map((user) => user.clientUserId)).toEqual(['u-2']);
  });

  it('lists a retired and re-created user twice, in full and in incremental reads, as Apple does', async () => {
    const { client, sandbox } = await startSandboxHarness({ pageSize: 2 });
    await client.waitForEvent(await client.createUsers(['u-1', 'u-2', 'u-3'].map((clientUserId) => ({ clientUserId, email: `${clientUserId}@lincoln.example.org` }))));
    const before = client.readUsers();
    const oldCode = (await before.all()).find((user) => user.clientUserId === 'u-2')?.inviteCode;
    await client.waitForEvent(await client.retireUsers([{ clientUserId: 'u-2' }]));
    const created = await client.waitForEvent(await client.createUsers([{ clientUserId: 'u-2', email: 'u-2.new@lincoln.example.org' }]));
    expect(created).toMatchObject({ state: 'COMPLETE', failures: [] });

    const listed = (users: { clientUserId: string; email: string | null; status: string }[]) => users.map((u) => [u.clientUserId, u.email, u.status]);
    expect(listed(await client.readUsers().all())).toEqual([
      ['u-1', 'u-1@lincoln.example.org', 'Registered'],
      ['u-2', 'u-2.new@lincoln.example.org', 'Registered'],
      ['u-3', 'u-3@lincoln.example.org', 'Registered'],
      ['u-2', 'u-2@lincoln.example.org', 'Retired'],
    ]);
    expect(listed(await client.readUsers({ sinceVersionId: before.versionId ?? '' }).all())).toEqual([
      ['u-2', 'u-2.new@lincoln.example.org', 'Registered'],
      ['u-2', 'u-2@lincoln.example.org', 'Retired'],
    ]);
    expect(listed(await client.readUsers({ clientUserId: 'u-2' }).all())).toHaveLength(2);
    // The retired record's invitation is gone; the new record has its own.
    expect(sandbox.acceptInvitation(oldCode ?? '')).toBeNull();
    const [live] = await client.readUsers({ clientUserId: 'u-2', activeOnly: true }).all();
    expect(sandbox.acceptInvitation(live?.inviteCode ?? '')).toMatchObject({ clientUserId: 'u-2' });
    expect(listed(await client.readUsers({ clientUserId: 'u-2' }).all())).toEqual([
      ['u-2', 'u-2.new@lincoln.example.org', 'Associated'],
      ['u-2', 'u-2@lincoln.example.org', 'Retired'],
    ]);
  });

  it('accepts an invitation through the link of the service config', async () => {
    const { client } = await startSandboxHarness();
    await client.waitForEvent(await client.createUsers([{ clientUserId: 'u-1', email: 'a@x.org' }]));
    const [user] = await client.readUsers().all();
    const page = await fetch(invitationUrl(await client.getServiceConfig(), user?.inviteCode ?? ''));
    expect(page.status).toBe(200);
    expect((await client.readUsers().all())[0]?.status).toBe('Associated');
  });

  it('associates, reads, disassociates and revokes licenses', async () => {
    const { client, sandbox, location } = await startSandboxHarness();
    sandbox.addAsset(location.id, { ...app, adamId: '100', totalCount: 10 });
    sandbox.addAsset(location.id, { ...app, adamId: '300', productType: 'Book', deviceAssignable: false, revocable: false, totalCount: 5 });
    await client.waitForEvent(await client.createUsers([{ clientUserId: 'u-1' }, { clientUserId: 'u-2' }]));

    const toUsers = await client.associate({ assets: [{ adamId: '100' }, { adamId: '300' }], clientUserIds: ['u-1', 'u-2'] });
    expect(await client.waitForEvent(toUsers)).toMatchObject({ state: 'COMPLETE', type: 'ASSOCIATE', numCompleted: 4, numRequested: 4 });
    await client.waitForEvent(await client.associate({ assets: [{ adamId: '100', pricingParam: 'STDQ' }], serialNumbers: ['C02XYZ123'] }));

    const held = await client.readAssignments({ includeUserState: true }).all();
    expect(held).toHaveLength(5);
    expect(held).toContainEqual({ adamId: '100', pricingParam: 'STDQ', clientUserId: 'u-1', serialNumber: null, idHash: null, userStatus: 'Registered' });
    expect(held).toContainEqual({ adamId: '100', pricingParam: 'STDQ', clientUserId: null, serialNumber: 'C02XYZ123', idHash: null, userStatus: null });
    expect((await client.readAssignments({ serialNumber: 'C02XYZ123' }).all())).toHaveLength(1);
    expect((await client.readAssignments({ adamId: '300' }).all()).map((row) => row.clientUserId)).toEqual(['u-1', 'u-2']);
    expect((await client.readAssets({ adamId: '100' }).all())[0]).toMatchObject({ assignedCount: 3, availableCount: 7 });

    const removed = await client.disassociate({ assets: [{ adamId: '100' }], clientUserIds: ['u-2'] });
    expect(await client.waitForEvent(removed)).toMatchObject({ state: 'COMPLETE', type: 'DISASSOCIATE' });
    const revoked = await client.revoke({ clientUserIds: ['u-1'], serialNumbers: ['C02XYZ123'] });
    expect(await client.waitForEvent(revoked)).toMatchObject({ state: 'COMPLETE', type: 'REVOKE', numCompleted: 2 });

    // Books are not revocable: they stay with their users.
    expect((await client.readAssignments().all()).map((row) => `${row.adamId}/${row.clientUserId}`)).toEqual(['300/u-1', '300/u-2']);
    expect((await client.readAssets({ adamId: '100' }).all())[0]).toMatchObject({ assignedCount: 0, availableCount: 10 });
  });

  it('reports an unknown event id as NOT_FOUND (9708)', async () => {
    const { client } = await startSandboxHarness();
    const error = await caught(() => client.getEventStatus('4b3f6bef-bfcd-47e6-ba8c-ad14f3b9d924'));
    expect(error).toBeInstanceOf(AppleApiError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', appleErrorNumber: 9708 });
  });

  it('refuses a malformed request before sending it', async () => {
    const { client, sandbox } = await startSandboxHarness();
    const error = await caught(() => client.associate({ assets: [{ adamId: '' }], clientUserIds: ['u'] }));
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('assets.0.adamId') });
    expect(sandbox.recordedRequests()).toEqual([]);
  });
});
