import { describe, expect, it, vi } from 'vitest';
import { TOKEN_REVOKED_MESSAGE } from '../../../main/apple/errors/apple-error-table';
import { SYNC_CANCELLED_MESSAGE } from '../../../main/distribution/sync/sync-failure';
import { pageIndexOf } from '../../support/hooked-fetch';
import { jobEnd } from '../../support/import-files';
import { useSandboxes } from '../../support/sandbox';
import { useTestApps } from '../../support/start-test-app';
import { liveCache, type CacheSnapshot } from '../../support/sync-cache';
import { startSyncWorld, type SyncWorld } from '../../support/sync-world';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const factories = { tempDir: useTempDirs(), newSecrets: useTestSecretStore(), startApp: useTestApps(), startSandbox: useSandboxes() };

/**
 * A good first sync, then more licenses on Apple's side and versions Apple forgot, so the
 * next sync reads every assignment again: 20 pages of 100.
 */
async function syncedWorld(): Promise<{ world: SyncWorld; good: CacheSnapshot; syncedAt: string }> {
  const world = await startSyncWorld(factories, { pageSize: 100, data: { seed: 11, apps: 10, users: 200, assignments: 1_800 } });
  expect(await world.sync()).toMatchObject({ state: 'succeeded' });
  const good = world.cache();
  const roomy = world.sandbox.assetsOf(world.location.id).find((a) => a.availableCount >= 20)!;
  await world.apple.waitForEvent(
    await world.apple.associate({ assets: [{ adamId: roomy.adamId }], serialNumbers: Array.from({ length: 20 }, (_, i) => `EXTRA${i}`) }),
  );
  world.sandbox.forgetVersionIds(world.location.id);
  world.sandbox.resetTraffic();
  return { world, good, syncedAt: world.syncState().syncedAt! };
}

const isAssignmentsPage = (index: number) => (url: URL) => url.pathname.endsWith('/assignments') && pageIndexOf(url) === index;

async function expectPreviousCacheKept(world: SyncWorld, good: CacheSnapshot, syncedAt: string) {
  expect(world.cache()).toEqual(good);
  expect(world.cache()).not.toEqual(world.expected());
  expect(world.syncState().syncedAt).toBe(syncedAt);
  // The report still reads it, through the app.
  const [status] = await world.root.ok('sync.status', { groupId: world.school.id });
  expect(status!.syncedAt).toBe(syncedAt);
}

describe('a sync that cannot finish leaves the previous cache whole', () => {
  it('Apple failing on page 7 of the assignments, after its retries', async () => {
    const { world, good, syncedAt } = await syncedWorld();
    const page7 = isAssignmentsPage(6);
    let injected = false;
    world.requests.onRequest(async (url) => {
      if (injected || !page7(url)) return;
      injected = true;
      // Pages before it already answered; from now on every assignments request fails, each retry too.
      await world.requests.settled((u) => u.pathname.endsWith('/assignments') && pageIndexOf(u) < 6);
      world.sandbox.injectFaults({ kind: 'internal-error' }, { path: '/assignments', count: 25 });
    });

    const job = await world.sync();
    expect(job).toMatchObject({ state: 'failed', message: "Apple's service had an internal error. Try again in a few minutes." });
    const served = world.sandbox.recordedRequests().filter((r) => r.path === '/assignments' && r.query.sinceVersionId === undefined);
    expect(served.filter((r) => Number(r.query.pageIndex ?? 0) === 6)).toHaveLength(5);

    await expectPreviousCacheKept(world, good, syncedAt);
    expect(world.syncState()).toMatchObject({ errorCode: 'APPLE_UNAVAILABLE', error: "Apple's service had an internal error. Try again in a few minutes." });
    expect(Date.parse(world.syncState().attemptedAt!)).toBeGreaterThan(Date.parse(syncedAt));
    // What it had written is deleted once the job has ended.
    await vi.waitFor(() => expect(world.leftovers()).toBe(0));

    world.requests.onRequest(null);
    world.sandbox.clearFaults();
    expect(await world.sync()).toMatchObject({ state: 'succeeded' });
    expect(world.cache()).toEqual(world.expected());
    expect(world.syncState()).toMatchObject({ errorCode: null, error: null });
    await vi.waitFor(() => expect(world.leftovers()).toBe(0));
  });

  it('the admin cancelling it', async () => {
    const { world, good, syncedAt } = await syncedWorld();
    let jobId = '';
    world.requests.onRequest(async (url) => {
      if (isAssignmentsPage(4)(url)) await world.root.ok('jobs.cancel', { jobId });
    });
    const started = await world.root.ok('sync.start', { serviceId: world.service.id });
    jobId = started.id;
    expect(await jobEnd(world.app, jobId)).toMatchObject({ state: 'cancelled', message: SYNC_CANCELLED_MESSAGE });

    await expectPreviousCacheKept(world, good, syncedAt);
    expect(world.syncState()).toMatchObject({ errorCode: 'CANCELLED', error: SYNC_CANCELLED_MESSAGE });
    expect(world.app.logged).toEqual([]);
  });

  it('the admin cancelling it while the assignments are being saved', async () => {
    const { world, good, syncedAt } = await syncedWorld();
    let jobId = '';
    world.app.bus.subscribe((name, payload) => {
      const progress = payload as { jobId?: string; phase?: string };
      if (name === 'jobs.progress' && progress.phase?.startsWith('Saving assignments')) void world.root.ok('jobs.cancel', { jobId });
    });
    const started = await world.root.ok('sync.start', { serviceId: world.service.id });
    jobId = started.id;
    expect(await jobEnd(world.app, jobId)).toMatchObject({ state: 'cancelled', message: SYNC_CANCELLED_MESSAGE });

    await expectPreviousCacheKept(world, good, syncedAt);
    await vi.waitFor(() => expect(world.leftovers()).toBe(0));
    expect(world.app.logged).toEqual([]);
  });

  it('the token being revoked midway: TOKEN_REVOKED, and the token is marked revoked', async () => {
    const { world, good, syncedAt } = await syncedWorld();
    world.requests.onRequest((url) => {
      if (isAssignmentsPage(3)(url)) world.sandbox.revokeToken(world.sToken);
    });

    expect(await world.sync()).toMatchObject({ state: 'failed', message: TOKEN_REVOKED_MESSAGE });
    await expectPreviousCacheKept(world, good, syncedAt);
    expect(world.syncState()).toMatchObject({ errorCode: 'TOKEN_REVOKED', error: TOKEN_REVOKED_MESSAGE });
    const [service] = await world.root.ok('services.list', { groupId: world.school.id });
    expect(service!.tokens[0]).toMatchObject({ id: world.tokenId, status: 'revoked' });
    expect(await world.root.call('sync.start', { serviceId: world.service.id })).toMatchObject({ ok: false, error: { code: 'TOKEN_REVOKED' } });
  });

  it('the app closing mid-sync: the job ends as cancelled and nothing is logged as a bug', async () => {
    const { world, good } = await syncedWorld();
    const ended = new Promise<unknown>((resolve) => {
      world.requests.onRequest((url) => {
        if (!isAssignmentsPage(5)(url)) return;
        world.app.bus.subscribe((name, payload) => {
          if (name === 'jobs.progress' && (payload as { state: string }).state !== 'running') resolve(payload);
        });
        world.app.close();
      });
    });
    await world.root.ok('sync.start', { serviceId: world.service.id });
    expect(await ended).toMatchObject({ state: 'cancelled' });
    expect(world.app.logged).toEqual([]);

    const reopened = factories.startApp(world.dataDir, world.secrets);
    expect(reopened.db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(liveCache(reopened.db, world.service.id)).toEqual(good);
  });
});
