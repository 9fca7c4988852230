import { describe, expect, it } from 'vitest';
import { caught, startSandboxHarness } from '../../support/apple/sandbox-harness';

const app = { pricingParam: 'STDQ', productType: 'App' as const, deviceAssignable: true, revocable: true, supportedPlatforms: ['iOS'] };
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

async function harnessWithAssets(count: number) {
  const harness = await startSandboxHarness();
  for (let i = 0; i < count; i++) harness.sandbox.addAsset(harness.location.id, { ...app, adamId: String(1000 + i), totalCount: 5000 });
  return harness;
}

const assetRefs = (count: number) => Array.from({ length: count }, (_, i) => ({ adamId: String(1000 + i) }));

describe("Apple's limits, enforced by the sandbox", () => {
  it.each<[string, (client: Awaited<ReturnType<typeof harnessWithAssets>>['client']) => Promise<unknown>, number]>([
    ['26 assets', (client) => client.associate({ assets: assetRefs(26), clientUserIds: ['u'] }), 9700],
    ['1001 users', (client) => client.associate({ assets: assetRefs(1), clientUserIds: ids('u', 1001) }), 9701],
    ['1001 devices', (client) => client.associate({ assets: assetRefs(1), serialNumbers: ids('s', 1001) }), 9702],
    ['a repeated asset', (client) => client.associate({ assets: [{ adamId: '1000' }, { adamId: '1000' }], clientUserIds: ['u'] }), 9703],
    ['a repeated user', (client) => client.associate({ assets: assetRefs(1), clientUserIds: ['u', 'u'] }), 9704],
    ['a repeated device', (client) => client.disassociate({ assets: assetRefs(1), serialNumbers: ['s', 's'] }), 9705],
    ['no asset', (client) => client.associate({ assets: [], clientUserIds: ['u'] }), 9718],
    ['neither users nor devices', (client) => client.associate({ assets: assetRefs(1) }), 9719],
    ['no users to create', (client) => client.createUsers([]), 9720],
    ['101 users to create', (client) => client.createUsers(ids('u', 101).map((clientUserId) => ({ clientUserId }))), 9714],
    ['101 users to update', (client) => client.updateUsers(ids('u', 101).map((clientUserId) => ({ clientUserId }))), 9714],
    ['101 users to retire', (client) => client.retireUsers(ids('u', 101).map((clientUserId) => ({ clientUserId }))), 9714],
    ['a user created twice in one request', (client) => client.createUsers([{ clientUserId: 'u' }, { clientUserId: 'u' }]), 9715],
    ['a user updated twice in one request', (client) => client.updateUsers([{ clientUserId: 'u' }, { clientUserId: 'u' }]), 9715],
    ['a user retired twice in one request', (client) => client.retireUsers([{ clientUserId: 'u' }, { clientUserId: 'u' }]), 9715],
    ['101 revoked users', (client) => client.revoke({ clientUserIds: ids('u', 101) }), 9701],
    ['101 revoked devices', (client) => client.revoke({ serialNumbers: ids('s', 101) }), 9702],
    ['an invalid email', (client) => client.createUsers([{ clientUserId: 'u', email: 'not an email' }]), 9717],
    ['an unknown asset', (client) => client.associate({ assets: [{ adamId: '424242' }], clientUserIds: ['u'] }), 9602],
  ])('refuses %s', async (_name, send, errorNumber) => {
    const { client } = await harnessWithAssets(30);
    const error = await caught(() => send(client));
    expect(error).toMatchObject({ appleErrorNumber: errorNumber, httpStatus: 400 });
  });

  it('refuses to assign a user-only title to a device (9707) and to take back a book (9706)', async () => {
    const { client, sandbox, location } = await startSandboxHarness();
    sandbox.addAsset(location.id, { ...app, adamId: '1', deviceAssignable: false, totalCount: 5 });
    sandbox.addAsset(location.id, { ...app, adamId: '2', productType: 'Book', deviceAssignable: false, revocable: false, totalCount: 5 });
    expect(await caught(() => client.associate({ assets: [{ adamId: '1' }], serialNumbers: ['s'] }))).toMatchObject({
      code: 'VALIDATION',
      appleErrorNumber: 9707,
      message: 'This app or book cannot be assigned to devices; assign it to users instead.',
    });
    expect(await caught(() => client.disassociate({ assets: [{ adamId: '2' }], clientUserIds: ['u'] }))).toMatchObject({ appleErrorNumber: 9706 });
  });

  it('keeps every batch within the limits, where one request would be refused', async () => {
    const { client, sandbox, location } = await harnessWithAssets(26);
    await client.waitForEvent(await client.createUsers([{ clientUserId: 'u' }]));
    expect(await caught(() => client.associate({ assets: assetRefs(26), clientUserIds: ['u'] }))).toMatchObject({ appleErrorNumber: 9700 });

    const events = await client.submitInBatches({ type: 'ASSOCIATE', licenses: { assets: assetRefs(26), clientUserIds: ['u'], serialNumbers: ids('s', 1500) } });
    const bodies = sandbox.recordedRequests().filter((request) => request.path === '/assets/associate').slice(1).map((request) => request.body as Record<string, unknown[]>);
    expect(bodies).toHaveLength(events.length);
    expect(events).toHaveLength(2 * (1 + 2));
    for (const body of bodies) {
      expect(body.assets?.length).toBeLessThanOrEqual(25);
      expect((body.serialNumbers ?? []).length).toBeLessThanOrEqual(1000);
    }
    for (const event of events) expect((await client.waitForEvent(event)).state).toBe('COMPLETE');
    expect(sandbox.assignmentsOf(location.id)).toHaveLength(26 * 1501);

    const revocations = await client.submitInBatches({ type: 'REVOKE', revocation: { serialNumbers: ids('s', 1500) } });
    expect(revocations).toHaveLength(15);
    for (const event of revocations) expect((await client.waitForEvent(event)).state).toBe('COMPLETE');
    expect(sandbox.assignmentsOf(location.id)).toHaveLength(26);
  });
});
