import { describe, expect, it } from 'vitest';
import { FullSyncRequiredError } from '../../../main/apple/errors/full-sync-required-error';
import { caught, startSandboxHarness } from '../../support/apple/sandbox-harness';

describe('paged reads against the sandbox', () => {
  it('reads 13 pages of assignments in parallel, exactly the sandbox rows, never more than 5 at once', async () => {
    const { client, sandbox, location } = await startSandboxHarness({ pageSize: 1000 });
    sandbox.generate(location.id, { seed: 11, apps: 40, users: 2000, assignments: 12_345 });
    // Slow answers make the requests overlap, so the sandbox sees how many are open at once.
    sandbox.injectFaults({ kind: 'slow', delayMs: 25 }, { path: '/assignments', count: 100 });
    sandbox.resetTraffic();

    const read = client.readAssignments();
    const pageIndexes: number[] = [];
    const rows: string[] = [];
    for await (const page of read) {
      pageIndexes.push(page.pageIndex);
      for (const row of page.items) rows.push(`${row.adamId}/${row.clientUserId ?? row.serialNumber}`);
    }

    const expected = sandbox.assignmentsOf(location.id).map((row) => `${row.adamId}/${row.clientUserId ?? row.serialNumber}`);
    expect(rows).toEqual(expected);
    expect(rows).toHaveLength(12_345);
    expect(pageIndexes).toEqual(Array.from({ length: 13 }, (_, i) => i));
    const stats = sandbox.trafficStats();
    expect(stats.requests).toBe(13);
    expect(stats.maxInFlight).toBe(5);
    const requested = sandbox.recordedRequests().map((request) => request.query.pageIndex);
    expect(requested[0]).toBeUndefined();
    expect(new Set(requested.slice(1))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => String(i + 1))));
    expect(read.versionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('pages users and assets the same way', async () => {
    const { client, sandbox, location } = await startSandboxHarness({ pageSize: 7 });
    sandbox.generate(location.id, { seed: 12, apps: 60, books: 10, users: 95, assignments: 100 });
    expect((await client.readUsers().all()).map((user) => user.clientUserId)).toEqual(sandbox.usersOf(location.id).map((user) => user.clientUserId));
    expect((await client.readAssets().all()).map((asset) => asset.adamId)).toEqual(sandbox.assetsOf(location.id).map((asset) => asset.adamId));
  });

  it('reads an empty list as one empty page', async () => {
    const { client } = await startSandboxHarness();
    const pages = [];
    for await (const page of client.readAssignments()) pages.push(page);
    expect(pages).toEqual([{ items: [], pageIndex: 0, totalPages: 0, versionId: expect.any(String) }]);
  });

  it('returns only what changed since a versionId', async () => {
    const { client, sandbox, location } = await startSandboxHarness({ pageSize: 50 });
    sandbox.generate(location.id, { seed: 13, apps: 10, users: 100, assignments: 400 });
    const full = client.readAssignments();
    expect(await full.all()).toHaveLength(400);
    const users = client.readUsers();
    expect(await users.all()).toHaveLength(100);
    const since = full.versionId ?? '';

    const [first] = sandbox.usersOf(location.id).filter((user) => user.status !== 'Retired');
    const freeTitle = sandbox.assetsOf(location.id).find((asset) => asset.availableCount > 2 && asset.deviceAssignable);
    const event = await client.associate({ assets: [{ adamId: freeTitle?.adamId ?? '' }], serialNumbers: ['NEWSERIAL01'] });
    await client.waitForEvent(event);
    await client.waitForEvent(await client.updateUsers([{ clientUserId: first?.clientUserId ?? '', email: 'changed@lincoln.example.org' }]));

    const changes = client.readAssignments({ sinceVersionId: since });
    expect(await changes.all()).toEqual([
      { adamId: freeTitle?.adamId, pricingParam: 'STDQ', clientUserId: null, serialNumber: 'NEWSERIAL01', idHash: null, userStatus: null },
    ]);
    expect(changes.versionId).not.toBe(since);
    const changedUsers = await client.readUsers({ sinceVersionId: users.versionId ?? '' }).all();
    expect(changedUsers.map((user) => [user.clientUserId, user.email])).toEqual([[first?.clientUserId, 'changed@lincoln.example.org']]);
    expect(await client.readAssignments({ sinceVersionId: changes.versionId ?? '' }).all()).toEqual([]);
  });

  it('asks for a full sync (9721) when Apple no longer knows the versionId', async () => {
    const { client, sandbox, location } = await startSandboxHarness();
    sandbox.generate(location.id, { seed: 14, apps: 5, users: 10, assignments: 20 });
    const read = client.readUsers();
    await read.all();
    sandbox.forgetVersionIds(location.id);

    const forgotten = await caught(() => client.readUsers({ sinceVersionId: read.versionId ?? '' }).all());
    expect(forgotten).toBeInstanceOf(FullSyncRequiredError);
    expect(forgotten).toMatchObject({ code: 'CONFLICT', appleErrorNumber: 9721 });
    expect(await caught(() => client.readAssignments({ sinceVersionId: 'not-a-version' }).all())).toBeInstanceOf(FullSyncRequiredError);
    expect(await client.readAssignments().all()).toHaveLength(20);
  });

  it('stops asking for pages when the reader stops', async () => {
    const { client, sandbox, location } = await startSandboxHarness({ pageSize: 10 });
    sandbox.generate(location.id, { seed: 15, apps: 5, users: 100, assignments: 300 });
    sandbox.resetTraffic();
    for await (const page of client.readAssignments()) {
      if (page.pageIndex === 0) break;
    }
    expect(sandbox.trafficStats().requests).toBe(1);
  });
});
