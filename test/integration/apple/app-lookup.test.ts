import { describe, expect, it } from 'vitest';
import { AppMetadataLookup } from '../../../main/apple/client/app-metadata-lookup';
import { startSandboxHarness } from '../../support/apple/sandbox-harness';

describe('app metadata lookup against the sandbox', () => {
  it('answers names, bundle ids, artwork and platforms of generated titles', async () => {
    const { sandbox, location, time } = await startSandboxHarness();
    sandbox.generate(location.id, { seed: 5, apps: 30, books: 3, users: 10, assignments: 20 });
    const adamIds = sandbox.assetsOf(location.id).map((asset) => asset.adamId);
    const lookup = new AppMetadataLookup({ baseUrl: sandbox.lookupBaseUrl, clock: time.clock, sleep: time.sleep });

    const found = await lookup.lookup([...adamIds, '999999999', 'not-an-id']);
    const custom = adamIds.filter((adamId) => sandbox.catalogEntry(adamId)?.customFor !== undefined);
    expect(custom).toHaveLength(1);
    // The public lookup knows the App Store's titles, not the location's custom app.
    expect([...found.keys()].sort()).toEqual(adamIds.filter((adamId) => !custom.includes(adamId)).sort());
    const app = found.get(adamIds[0] ?? '');
    expect(app?.name).toMatch(/^\w+ \w+ \w+$/);
    expect(app?.bundleId).toMatch(/^org\.sandbox\./);
    expect(app?.artworkUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(app?.platforms.length).toBeGreaterThan(0);
    expect(app?.isBook).toBe(false);
    const book = found.get(adamIds.at(-1) ?? '');
    expect(book).toMatchObject({ isBook: true, bundleId: null, name: expect.stringMatching(/^The /) });
    expect(Buffer.from((book?.artworkUrl ?? '').split(',')[1] ?? '', 'base64').toString()).toContain('<svg');
  });

  it('asks for at most 100 ids per request', async () => {
    const { sandbox, location, time } = await startSandboxHarness();
    sandbox.generate(location.id, { seed: 6, apps: 250, books: 0, users: 1, assignments: 1 });
    const adamIds = sandbox.assetsOf(location.id).map((asset) => asset.adamId);
    const lookup = new AppMetadataLookup({ baseUrl: sandbox.lookupBaseUrl, clock: time.clock, sleep: time.sleep });
    const custom = adamIds.filter((adamId) => sandbox.catalogEntry(adamId)?.customFor !== undefined);
    expect((await lookup.lookup(adamIds)).size).toBe(250 - custom.length);
    const requests = sandbox.recordedRequests().filter((request) => request.path === '/lookup');
    expect(requests.map((request) => (request.query.id ?? '').split(',').length)).toEqual([100, 100, 50]);
    expect(requests.every((request) => request.query.entity === 'software')).toBe(true);
  });

  it('retries the lookup like Apple calls and reports it unavailable after', async () => {
    const { sandbox, location, time } = await startSandboxHarness();
    sandbox.generate(location.id, { seed: 6, apps: 2, books: 0, users: 1, assignments: 1 });
    const lookup = new AppMetadataLookup({ baseUrl: sandbox.lookupBaseUrl, clock: time.clock, sleep: time.sleep, retry: { maxAttempts: 2 } });
    const adamIds = sandbox.assetsOf(location.id).map((asset) => asset.adamId);
    sandbox.injectFaults({ kind: 'unavailable' }, { path: '/lookup' });
    expect((await lookup.lookup(adamIds)).size).toBe(2);
    sandbox.injectFaults({ kind: 'unavailable' }, { path: '/lookup', count: 2 });
    await expect(lookup.lookup(adamIds)).rejects.toMatchObject({
      code: 'APPLE_UNAVAILABLE',
      message: "Apple's app lookup is not available right now (HTTP 503). Try again in a few minutes.",
    });
  });
});
