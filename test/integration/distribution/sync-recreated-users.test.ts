import { describe, expect, it } from 'vitest';
import { useSandboxes } from '../../support/sandbox';
import { useTestApps } from '../../support/start-test-app';
import { startSyncWorld, type SyncWorld } from '../../support/sync-world';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const factories = { tempDir: useTempDirs(), newSecrets: useTestSecretStore(), startApp: useTestApps(), startSandbox: useSandboxes() };
const district = { seed: 11, apps: 6, users: 150, assignments: 400 };

/** Retires people at Apple and creates them again, as Apple School Manager or another MDM may. */
async function retireAndCreateAgain(world: SyncWorld, count: number): Promise<string[]> {
  const people = world.sandbox
    .usersOf(world.location.id)
    .filter((user) => user.status === 'Registered')
    .slice(0, count)
    .map((user) => user.clientUserId);
  await world.apple.waitForEvent(await world.apple.retireUsers(people.map((clientUserId) => ({ clientUserId }))));
  await world.apple.waitForEvent(await world.apple.createUsers(people.map((clientUserId) => ({ clientUserId, email: `${clientUserId}@again.springfield.edu` }))));
  return people;
}

function cachedStatusOf(world: SyncWorld, clientUserId: string): string | undefined {
  return world.cache().users.find((user) => user.clientUserId === clientUserId)?.status;
}

describe('people Apple lists twice after a retirement and a new creation', () => {
  it('a full sync caches the live record, though the retired one comes later on another page fetched alongside', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    const people = await retireAndCreateAgain(world, 3);
    const listed = world.sandbox.usersOf(world.location.id);
    for (const clientUserId of people) {
      const pages = listed.flatMap((user, index) => (user.clientUserId === clientUserId ? [[Math.floor(index / 50), user.status]] : []));
      // The live record on an early page, the retired one on the last of four pages read in parallel.
      expect(pages).toEqual([[expect.any(Number), 'Registered'], [3, 'Retired']]);
      expect(pages[0]![0]).toBeLessThan(3);
    }

    expect(await world.sync()).toMatchObject({ state: 'succeeded', summary: { cache: { users: 150 } } });
    for (const clientUserId of people) expect(cachedStatusOf(world, clientUserId)).toBe('Registered');
    expect(world.cache()).toEqual(world.expected());
    const page = await world.root.ok('report.users', { groupId: world.school.id, status: 'Retired', offset: 0, limit: 500 });
    for (const clientUserId of people) expect(page.rows.map((row) => row.clientUserId)).not.toContain(clientUserId);
  });

  it('an incremental sync reads both records from the changes and keeps the live one', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    await world.sync();
    const people = await retireAndCreateAgain(world, 2);

    expect(await world.sync()).toMatchObject({ state: 'succeeded' });
    const reads = world.sandbox.recordedRequests().filter((request) => request.path === '/users');
    expect(reads.at(-1)?.query.sinceVersionId).toBeDefined();
    for (const clientUserId of people) expect(cachedStatusOf(world, clientUserId)).toBe('Registered');
    expect(world.cache()).toEqual(world.expected());
  });

  it('still records a plain retirement, in a full and in an incremental sync', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    const [first, second] = world.sandbox.usersOf(world.location.id).filter((user) => user.status === 'Registered');
    await world.apple.waitForEvent(await world.apple.retireUsers([{ clientUserId: first!.clientUserId }]));
    await world.sync();
    expect(cachedStatusOf(world, first!.clientUserId)).toBe('Retired');

    await world.apple.waitForEvent(await world.apple.retireUsers([{ clientUserId: second!.clientUserId }]));
    await world.sync();
    expect(cachedStatusOf(world, second!.clientUserId)).toBe('Retired');
    expect(world.cache()).toEqual(world.expected());
  });
});
