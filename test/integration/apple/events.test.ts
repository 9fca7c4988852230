import { describe, expect, it } from 'vitest';
import { startSandboxHarness } from '../../support/apple/sandbox-harness';

const app = { pricingParam: 'STDQ', productType: 'App' as const, deviceAssignable: true, revocable: true, supportedPlatforms: ['iOS'] };

describe('asynchronous events against the sandbox', () => {
  it('stays PENDING until the event delay has passed, then COMPLETE', async () => {
    const { clientWith, sandbox, location } = await startSandboxHarness({ eventDelayMs: 150 });
    const client = clientWith({ sleep: undefined, clock: undefined, events: { pollIntervalMs: 40 } });
    sandbox.addAsset(location.id, { ...app, adamId: '100', totalCount: 5 });
    const event = await client.associate({ assets: [{ adamId: '100' }], serialNumbers: ['SERIAL1'] });
    expect(await client.getEventStatus(event.eventId)).toMatchObject({ state: 'PENDING', numCompleted: 0 });
    expect((await client.readAssignments().all())).toEqual([]);
    expect(await client.waitForEvent(event)).toMatchObject({ eventId: event.eventId, state: 'COMPLETE', numCompleted: 1, numRequested: 1 });
    expect((await client.readAssignments().all())).toHaveLength(1);
  });

  it('fails an association without enough licenses, naming the ids left without one', async () => {
    const { client, sandbox, location } = await startSandboxHarness();
    sandbox.addAsset(location.id, { ...app, adamId: '100', totalCount: 2 });
    sandbox.addAsset(location.id, { ...app, adamId: '200', totalCount: 10 });
    await client.waitForEvent(await client.createUsers(['a', 'b', 'c', 'd'].map((clientUserId) => ({ clientUserId }))));

    const outcome = await client.waitForEvent(await client.associate({ assets: [{ adamId: '100' }, { adamId: '200' }], clientUserIds: ['a', 'b', 'c', 'd'] }));
    expect(outcome).toMatchObject({ state: 'FAILED', type: 'ASSOCIATE', numCompleted: 6, numRequested: 8 });
    expect(outcome.failures).toEqual([
      {
        errorNumber: 9709,
        message: 'Not enough licenses. Buy more in Apple School Manager or free some up.',
        appleMessage: "There aren't enough assets available to complete this association.",
        assets: [{ adamId: '100', pricingParam: 'STDQ' }],
        clientUserIds: ['c', 'd'],
        serialNumbers: [],
      },
    ]);
    expect((await client.readAssets({ adamId: '100' }).all())[0]).toMatchObject({ assignedCount: 2, availableCount: 0 });
  });

  it('fails creating a user that already exists (9716) and licensing an unknown one (9609)', async () => {
    const { client, sandbox, location } = await startSandboxHarness();
    sandbox.addAsset(location.id, { ...app, adamId: '100', totalCount: 5 });
    await client.waitForEvent(await client.createUsers([{ clientUserId: 'a' }]));

    const duplicate = await client.waitForEvent(await client.createUsers([{ clientUserId: 'a' }, { clientUserId: 'b' }]));
    expect(duplicate).toMatchObject({ state: 'FAILED', numCompleted: 1, numRequested: 2 });
    expect(duplicate.failures).toEqual([expect.objectContaining({ errorNumber: 9716, message: 'Apple already has a user with this ID.', clientUserIds: ['a'] })]);

    const unknown = await client.waitForEvent(await client.associate({ assets: [{ adamId: '100' }], clientUserIds: ['a', 'ghost'] }));
    expect(unknown).toMatchObject({ state: 'FAILED', numCompleted: 1 });
    expect(unknown.failures).toEqual([expect.objectContaining({ errorNumber: 9609, clientUserIds: ['ghost'] })]);
  });

  it('sends the request again when Apple leaves it PENDING past the time limit', async () => {
    const { clientWith, sandbox, location } = await startSandboxHarness();
    const client = clientWith({ events: { pollIntervalMs: 1_000, resendAfterMs: 10_000 } });
    sandbox.addAsset(location.id, { ...app, adamId: '100', totalCount: 5 });
    sandbox.stallNextEvents(1);
    const licenses = { assets: [{ adamId: '100' }], serialNumbers: ['SERIAL1'] };
    const first = await client.associate(licenses);

    const outcome = await client.waitForEvent(first);
    expect(outcome).toMatchObject({ state: 'COMPLETE', resends: 1 });
    expect(outcome.eventId).not.toBe(first.eventId);
    const associations = sandbox.recordedRequests().filter((request) => request.path === '/assets/associate');
    expect(associations.map((request) => request.body)).toEqual([licenses, licenses]);
    expect(sandbox.recordedRequests().filter((request) => request.query.eventId === first.eventId)).toHaveLength(10);
  });

  it('sends bulk work in batches within the live limits and all of it arrives', async () => {
    const { client, sandbox, location } = await startSandboxHarness({ limits: { maxAssets: 3, maxClientUserIds: 20, maxUsers: 15 } });
    for (let i = 0; i < 7; i++) sandbox.addAsset(location.id, { ...app, adamId: String(100 + i), totalCount: 100 });
    const users = Array.from({ length: 45 }, (_, i) => ({ clientUserId: `u${i}` }));

    const created = await client.submitInBatches({ type: 'CREATE', users });
    expect(created).toHaveLength(3);
    for (const event of created) expect((await client.waitForEvent(event)).state).toBe('COMPLETE');

    const assets = Array.from({ length: 7 }, (_, i) => ({ adamId: String(100 + i) }));
    const events = await client.submitInBatches({ type: 'ASSOCIATE', licenses: { assets, clientUserIds: users.map((user) => user.clientUserId) } });
    expect(events).toHaveLength(3 * 3);
    for (const event of events) expect((await client.waitForEvent(event)).state).toBe('COMPLETE');

    for (const request of sandbox.recordedRequests()) {
      const body = request.body as { assets?: unknown[]; clientUserIds?: unknown[]; users?: unknown[] } | undefined;
      expect(body?.assets?.length ?? 0).toBeLessThanOrEqual(3);
      expect(body?.clientUserIds?.length ?? 0).toBeLessThanOrEqual(20);
      expect(body?.users?.length ?? 0).toBeLessThanOrEqual(15);
    }
    expect(await client.readAssignments().all()).toHaveLength(7 * 45);
  });
});
