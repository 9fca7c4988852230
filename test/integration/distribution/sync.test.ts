import { describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../../preload/contract';
import { signedInAs } from '../../support/directory-app';
import { useSandboxes } from '../../support/sandbox';
import { useTestApps } from '../../support/start-test-app';
import { startSyncWorld, type SyncWorld } from '../../support/sync-world';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const factories = { tempDir: useTempDirs(), newSecrets: useTestSecretStore(), startApp: useTestApps(), startSandbox: useSandboxes() };
const district = { seed: 7, apps: 12, users: 150, assignments: 1_200 };
const CONTENT_LOOKUP = '/WebObjects/MZStorePlatform.woa/wa/lookup';

function auditOf(world: SyncWorld, action: string): Record<string, unknown>[] {
  const rows = world.app.db.prepare('SELECT admin_id, details FROM audit_entries WHERE action = ? ORDER BY id').all(action) as { admin_id: number | null; details: string }[];
  return rows.map((row) => ({ adminId: row.admin_id, ...(JSON.parse(row.details) as object) }));
}

function eventsOf(world: SyncWorld, name: EventName): unknown[] {
  const seen: unknown[] = [];
  world.app.bus.subscribe((event, payload) => {
    if (event === name) seen.push(payload);
  });
  return seen;
}

/** Changes on Apple's side between two syncs: additions, removals, user changes. */
async function changeApple(world: SyncWorld): Promise<{ removedFrom: Set<string> }> {
  const { apple, sandbox, location } = world;
  const assets = sandbox.assetsOf(location.id);
  const roomy = assets.find((a) => a.availableCount >= 6 && a.totalCount < 2147483647 && a.deviceAssignable)!;
  const assignments = sandbox.assignmentsOf(location.id);
  const userHeld = assignments.find((a) => a.clientUserId && a.adamId !== roomy.adamId)!;
  const deviceHeld = assignments.find((a) => a.serialNumber && assets.find((x) => x.adamId === a.adamId)?.revocable)!;
  const revokedFrom = assignments.filter((a) => a.serialNumber === deviceHeld.serialNumber).map((a) => a.adamId);
  const users = sandbox.usersOf(location.id);
  const registered = users.find((u) => u.status === 'Registered' && u.inviteCode)!;
  const [retired, renamed] = users.filter((u) => u.status !== 'Retired' && u !== registered);

  await apple.waitForEvent(
    await apple.createUsers([
      { clientUserId: 'new-user-1', email: 'new1@springfield.edu' },
      { clientUserId: 'new-user-2', email: 'new2@springfield.edu' },
      { clientUserId: 'new-user-3', managedAppleId: 'new3@appleid.springfield.edu' },
    ]),
  );
  await apple.waitForEvent(
    await apple.associate({ assets: [{ adamId: roomy.adamId }], clientUserIds: ['new-user-1', 'new-user-2', 'new-user-3'], serialNumbers: ['NEWSERIAL01', 'NEWSERIAL02'] }),
  );
  await apple.waitForEvent(await apple.disassociate({ assets: [{ adamId: userHeld.adamId }], clientUserIds: [userHeld.clientUserId!] }));
  await apple.waitForEvent(await apple.revoke({ serialNumbers: [deviceHeld.serialNumber!] }));
  await apple.waitForEvent(await apple.retireUsers([{ clientUserId: retired!.clientUserId }]));
  await apple.waitForEvent(await apple.updateUsers([{ clientUserId: renamed!.clientUserId, email: 'renamed@springfield.edu' }]));
  sandbox.acceptInvitation(registered.inviteCode!);
  return { removedFrom: new Set([userHeld.adamId, ...revokedFrom]) };
}

/** The Users tab's license count of every Apple user, next to what Apple holds for each. */
async function licenseCounts(world: SyncWorld): Promise<{ report: Record<string, number>; apple: Record<string, number> }> {
  const report: Record<string, number> = {};
  for (let offset = 0; ; offset += 500) {
    const page = await world.root.ok('report.users', { groupId: world.school.id, sort: 'licenses', direction: 'desc', offset, limit: 500 });
    for (const row of page.rows) report[row.clientUserId] = row.licenseCount;
    if (offset + 500 >= page.total) break;
  }
  const apple: Record<string, number> = Object.fromEntries(world.sandbox.usersOf(world.location.id).filter((u) => u.status !== 'Deleted').map((u) => [u.clientUserId, 0]));
  for (const a of world.sandbox.assignmentsOf(world.location.id)) if (a.clientUserId && a.clientUserId in apple) apple[a.clientUserId]! += 1;
  return { report, apple };
}

describe('a full sync', () => {
  it('caches exactly what Apple lists, row by row, names the apps, and says so', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    const changed = eventsOf(world, 'sync.changed');
    const job = await world.sync();

    expect(job).toMatchObject({ state: 'succeeded', kind: 'sync', label: 'Sync High school apps', message: null });
    expect(job.summary).toEqual({ cache: { licenses: 13, assignments: 1_200, users: 150 }, 'app names': { found: 13, 'not found': 0 } });
    expect(world.cache()).toEqual(world.expected());
    expect(world.leftovers()).toBe(0);
    const counts = await licenseCounts(world);
    expect(Object.values(counts.report).some((n) => n > 1)).toBe(true);
    expect(counts.report).toEqual(counts.apple);
    const names = world.app.db.prepare('SELECT adam_id, name FROM app_metadata').all() as { adam_id: string; name: string }[];
    expect(names.map((n) => n.adam_id).sort()).toEqual(world.expected().assets.map((a) => a.adamId).sort());
    expect(names.every((n) => n.name.length > 0)).toBe(true);
    // The location's custom app, which only its content metadata lookup knows, has its name too.
    const custom = names.filter((n) => world.sandbox.catalogEntry(n.adam_id)?.customFor === world.location.id);
    expect(custom).toHaveLength(1);
    expect(custom[0]?.name).toBe(world.sandbox.catalogEntry(custom[0]!.adam_id)?.name);

    expect(changed).toEqual([{ serviceIds: [world.service.id] }]);
    expect(auditOf(world, 'sync.start')).toEqual([{ adminId: 1, name: 'High school apps' }]);
    expect(auditOf(world, 'sync.complete')).toEqual([{ adminId: 1, mode: 'full', licenses: 13, assignments: 1_200, users: 150 }]);
    const [status] = await world.root.ok('sync.status', { groupId: world.school.id });
    expect(status).toMatchObject({ serviceId: world.service.id, serviceName: 'High school apps', locationName: 'Springfield High Location', error: null, job: null });
    expect(Date.parse(status!.syncedAt!)).toBeGreaterThanOrEqual(Date.parse(status!.attemptedAt!));
    expect(await world.root.ok('app.connectivity', {})).toMatchObject({ online: true, message: null, checkedAt: expect.any(String) });
  });

  it('shows progress as pages done of pages known, with the rows of each phase', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    const progress = eventsOf(world, 'jobs.progress') as { phase: string; done: number; total: number; state: string }[];
    await world.sync();
    const running = progress.filter((p) => p.state === 'running' && p.phase !== 'Starting');
    expect(running.length).toBeGreaterThan(0);
    for (const p of running) expect(p.done).toBeLessThanOrEqual(p.total);
    // 1 page of licenses, 24 of assignments, 1 move of them into the cache, 3 of users, 1 lookup batch.
    expect(progress.at(-1)).toMatchObject({ state: 'succeeded', done: 30, total: 30 });
    expect(running.map((p) => p.phase)).toContain('Saving assignments · 1,200 rows');
    expect(running.map((p) => p.phase)).toContain('App names · 13 rows');
    expect(running.some((p) => /^Assignments · [\d,]+ rows$/.test(p.phase))).toBe(true);
  });

  it('still succeeds when both app lookups are down; the report shows adamIds until a later sync', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    world.sandbox.injectFaults({ kind: 'internal-error' }, { path: CONTENT_LOOKUP, count: 100 });
    world.sandbox.injectFaults({ kind: 'internal-error' }, { path: '/lookup', count: 100 });
    const job = await world.sync();
    expect(job).toMatchObject({ state: 'succeeded', summary: { 'app names': { found: 0, 'not found': 13 } } });
    expect(world.cache()).toEqual(world.expected());
    expect(world.app.db.prepare('SELECT count(*) FROM app_metadata').pluck().get()).toBe(0);

    world.sandbox.clearFaults();
    expect(await world.sync()).toMatchObject({ summary: { 'app names': { found: 13, 'not found': 0 } } });
  });
});

describe('app names', () => {
  it("come from the location's content lookup first, with the sToken as its cookie, and the public lookup names nothing twice", async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    expect(await world.sync()).toMatchObject({ summary: { 'app names': { found: 13, 'not found': 0 } } });
    const asked = world.sandbox.recordedRequests();
    expect(asked.filter((r) => r.path === CONTENT_LOOKUP).map((r) => [r.query.platform, r.query.cc, r.query.id?.split(',').length])).toEqual([['volumestore', 'us', 13]]);
    expect(asked.filter((r) => r.path === '/lookup')).toEqual([]);
  });

  it('come from the public lookup when the content lookup is down, all but the custom app it cannot know', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    world.sandbox.injectFaults({ kind: 'internal-error' }, { path: CONTENT_LOOKUP, count: 100 });
    expect(await world.sync()).toMatchObject({ state: 'succeeded', summary: { 'app names': { found: 12, 'not found': 1 } } });
    const unnamed = world.app.db
      .prepare('SELECT a.adam_id FROM cached_assets a WHERE NOT EXISTS (SELECT 1 FROM app_metadata m WHERE m.adam_id = a.adam_id)')
      .pluck()
      .all() as string[];
    expect(unnamed.map((adamId) => world.sandbox.catalogEntry(adamId)?.customFor)).toEqual([world.location.id]);

    world.sandbox.clearFaults();
    expect(await world.sync()).toMatchObject({ summary: { 'app names': { found: 1, 'not found': 0 } } });
  });
});

describe('an incremental sync', () => {
  it('reads only the changes, catches removals through the counts, and ends with exactly Apple’s state', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    await world.sync();
    const before = world.app.db.prepare('SELECT live_generation FROM sync_state').pluck().get();
    const { removedFrom } = await changeApple(world);
    world.sandbox.resetTraffic();

    expect(await world.sync()).toMatchObject({ state: 'succeeded' });
    expect(world.cache()).toEqual(world.expected());
    expect(world.leftovers()).toBe(0);
    expect(auditOf(world, 'sync.complete').at(-1)).toMatchObject({ mode: 'incremental' });
    const counts = await licenseCounts(world);
    expect(counts.report).toEqual(counts.apple);
    // Merged in place: the live generation stays, no million-row copy.
    expect(world.app.db.prepare('SELECT live_generation FROM sync_state').pluck().get()).toBe(before);

    const reads = world.sandbox.recordedRequests().filter((r) => r.path === '/assignments');
    expect(reads.every((r) => r.query.sinceVersionId !== undefined || r.query.adamId !== undefined)).toBe(true);
    const reread = new Set(reads.flatMap((r) => (r.query.adamId ? [r.query.adamId] : [])));
    expect([...reread].every((adamId) => removedFrom.has(adamId))).toBe(true);
    expect(reread.size).toBeGreaterThan(0);
  });

  it('a second incremental with nothing changed keeps the cache as it is', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    await world.sync();
    await changeApple(world);
    await world.sync();
    world.sandbox.resetTraffic();
    expect(await world.sync()).toMatchObject({ state: 'succeeded' });
    expect(world.cache()).toEqual(world.expected());
    expect(world.sandbox.recordedRequests().filter((r) => r.query.adamId !== undefined)).toEqual([]);
  });

  it('falls back to a full sync when Apple no longer knows the version ids (9721)', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    await world.sync();
    await changeApple(world);
    world.sandbox.forgetVersionIds(world.location.id);

    expect(await world.sync()).toMatchObject({ state: 'succeeded' });
    expect(auditOf(world, 'sync.complete').at(-1)).toMatchObject({ mode: 'full after 9721' });
    expect(world.cache()).toEqual(world.expected());
    // The replaced generation is deleted after the job has ended.
    await vi.waitFor(() => expect(world.leftovers()).toBe(0));
  });
});

describe('who may sync, and one sync at a time', () => {
  it('refuses an admin who does not manage the service’s group, and a second sync of the same service', async () => {
    const world = await startSyncWorld(factories, { pageSize: 5, data: district });
    const other = await world.root.ok('groups.create', { parentId: 1, name: 'Shelbyville High', kind: 'school' });
    await world.root.ok('admins.create', { name: 'Sam Sibling', email: 'sam@springfield.edu', password: 'sibling password 1', directGroupIds: [other.id] });
    const sam = await signedInAs(world.app, 'sam', 'sam@springfield.edu', 'sibling password 1');
    // A sibling school's service is out of his scope: answered as one that does not exist.
    expect(await sam.call('sync.start', { serviceId: world.service.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'That service does not exist or is not yours to see.' } });
    expect(await sam.call('sync.status', { groupId: world.school.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await sam.ok('sync.status', { groupId: other.id })).toEqual([]);
    // Sync only reads: managing the group through the tree is enough, no direct admin needed.
    await world.root.ok('admins.create', { name: 'Olive Org', email: 'olive@springfield.edu', password: 'organization pass 1', directGroupIds: [1] });
    const olive = await signedInAs(world.app, 'olive', 'olive@springfield.edu', 'organization pass 1');
    expect(await olive.call('tokens.makeActive', { tokenId: world.tokenId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const first = await olive.ok('sync.start', { serviceId: world.service.id });
    expect(await world.root.call('sync.start', { serviceId: world.service.id })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '"High school apps" is being synced already. Wait for that sync to end, or cancel it.' },
    });
    const [status] = await world.root.ok('sync.status', { groupId: 1 });
    expect(status!.job).toMatchObject({ id: first.id, state: 'running' });
    // The sync is the service's, not Olive's: another admin of the school may stop it, while
    // the sibling school's admin is not told it exists.
    expect(await sam.call('jobs.cancel', { jobId: first.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await world.root.ok('jobs.cancel', { jobId: first.id });
  });

  it('tells a class admin below a school’s service that they may read its sync state but not start one', async () => {
    const world = await startSyncWorld(factories, { pageSize: 5, data: district });
    const klass = await world.root.ok('groups.create', { parentId: world.school.id, name: 'Class 9B', kind: 'class' });
    await world.root.ok('admins.create', { name: 'Cleo Class', email: 'cleo@springfield.edu', password: 'class admin pass 1', directGroupIds: [klass.id] });
    const cleo = await signedInAs(world.app, 'cleo', 'cleo@springfield.edu', 'class admin pass 1');
    expect(await cleo.ok('sync.status', { groupId: klass.id })).toMatchObject([{ serviceId: world.service.id, canSync: false }]);
    expect(await cleo.call('sync.start', { serviceId: world.service.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await world.root.ok('sync.status', { groupId: klass.id })).toMatchObject([{ serviceId: world.service.id, canSync: true }]);
  });

  it('refuses a service without an active token', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    const empty = await world.root.ok('services.create', { groupId: world.school.id, name: 'No token yet' });
    expect(await world.root.call('sync.start', { serviceId: empty.id })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '"No token yet" has no active token to sync with. Add one on the Managed Distribution page.' },
    });
  });
});

describe('connectivity', () => {
  it('turns offline when Apple cannot be reached, and online at the next answer', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    const changes = eventsOf(world, 'app.connectivity');
    // Adding the token was the last call to Apple.
    expect(await world.root.ok('app.connectivity', {})).toEqual({ online: true, message: null, checkedAt: expect.any(String) });

    world.sandbox.injectFaults({ kind: 'drop-connection' }, { count: 100 });
    expect(await world.sync()).toMatchObject({ state: 'failed', message: "Could not reach Apple's service. Check the internet connection and try again." });
    expect(await world.root.ok('app.connectivity', {})).toMatchObject({ online: false, message: "Could not reach Apple's service. Check the internet connection and try again." });
    expect(world.syncState()).toMatchObject({ liveGeneration: null, syncedAt: null, errorCode: 'APPLE_UNAVAILABLE' });

    world.sandbox.clearFaults();
    expect(await world.sync()).toMatchObject({ state: 'succeeded' });
    expect(await world.root.ok('app.connectivity', {})).toMatchObject({ online: true, message: null });
    expect(changes.map((c) => (c as { online: boolean }).online)).toEqual([false, true]);
  });
});

describe('settings', () => {
  it('automatic sync every 24 hours unless changed; a change is audited', async () => {
    const world = await startSyncWorld(factories, { pageSize: 50, data: district });
    expect(await world.root.ok('settings.get', {})).toEqual({ autoSyncHours: 24 });
    expect(await world.root.ok('settings.update', { autoSyncHours: 0 })).toEqual({ autoSyncHours: 0 });
    expect(await world.root.ok('settings.get', {})).toEqual({ autoSyncHours: 0 });
    expect(await world.root.call('settings.update', { autoSyncHours: 500 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(auditOf(world, 'settings.update')).toEqual([{ adminId: 1, autoSyncHours: { from: 24, to: 0 } }]);
  });
});
