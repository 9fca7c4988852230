import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App, type AppleConfig } from '../../../main/app';
import { clockTime } from '../../../main/clock/clock-time';
import type { SecretStore } from '../../../main/keychain/secret-store';
import { signedInAs } from '../../support/directory-app';
import { manualTime } from '../../support/manual-time';
import { appleConfigFor, useSandboxes } from '../../support/sandbox';
import { organization } from '../../support/start-test-app';
import { startSyncWorld } from '../../support/sync-world';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const apps: App[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.close();
});

const time = manualTime();
const startApp = (dataDir: string, secrets: SecretStore, apple?: AppleConfig) => {
  const app = createApp({ dataDir, secrets, apple, clock: time.clock, timers: time.timers, autoSync: false, logError: () => undefined });
  apps.push(app);
  return Object.assign(app, { logged: [] as unknown[] });
};
const factories = { tempDir: useTempDirs(), newSecrets: useTestSecretStore(), startApp, startSandbox: useSandboxes() };
const completed = (app: App) => app.db.prepare("SELECT count(*) FROM audit_entries WHERE action = 'sync.complete'").pluck().get() as number;

describe("a sync Apple asks to wait (Retry-After longer than a call holds)", () => {
  it('is put off until Apple\'s time, shown on the sync panel and the job, refused before it, and starts on its own then, also after a restart', async () => {
    const world = await startSyncWorld(factories, { pageSize: 100, data: { seed: 5, apps: 6, users: 60, assignments: 300 } });
    world.sandbox.injectFaults({ kind: 'unavailable', retryAfter: '300' }, { count: 1 });
    const failedAt = time.clock.now().getTime();
    const job = await world.sync();
    const [status] = await world.root.ok('sync.status', { groupId: world.school.id });
    const retryAt = new Date(status!.retryAt!);
    expect(retryAt.getTime() - failedAt).toBeGreaterThanOrEqual(300_000);
    expect(retryAt.getTime() - failedAt).toBeLessThan(302_000);
    expect(job).toMatchObject({ state: 'failed', message: `Apple asked us to wait 5 minutes; the next try is at ${clockTime(retryAt)}.` });
    expect(status).toMatchObject({ errorCode: 'APPLE_UNAVAILABLE', syncedAt: null });

    // Sync now before Apple's time reaches nobody.
    world.sandbox.resetTraffic();
    expect(await world.root.call('sync.start', { serviceId: world.service.id })).toMatchObject({
      ok: false,
      error: { code: 'APPLE_UNAVAILABLE', message: `Apple asked us to wait; the next try is at ${clockTime(retryAt)}; the sync starts on its own then.` },
    });
    expect(world.sandbox.recordedRequests()).toEqual([]);
    expect([...time.pending.values()].map((t) => t.ms)).toEqual([expect.closeTo(300_000, -4)]);

    // The app stops and starts again before then: the put-off sync is scheduled for what is left.
    world.app.close();
    apps.splice(apps.indexOf(world.app), 1);
    expect(time.pending.size).toBe(0);
    time.advance(120_000);
    const again = startApp(world.dataDir, world.secrets, appleConfigFor(world.sandbox));
    const root = await signedInAs(again, 'again', organization.email, organization.password);
    expect([...time.pending.values()].map((t) => t.ms)).toEqual([expect.closeTo(180_000, -4)]);
    expect(world.sandbox.recordedRequests()).toEqual([]);

    time.advance(180_000);
    time.fire();
    await vi.waitFor(() => expect(completed(again)).toBe(1));
    const [after] = await root.ok('sync.status', { groupId: world.school.id });
    expect(after).toMatchObject({ retryAt: null, error: null, errorCode: null });
    expect(after!.syncedAt).not.toBeNull();
  });

  it('is put off again (within a bound) when Apple asks once more', async () => {
    const world = await startSyncWorld(factories, { pageSize: 100, data: { seed: 6, apps: 3, users: 20, assignments: 40 } });
    world.sandbox.injectFaults({ kind: 'rate-limited', retryAfter: '90' }, { count: 5 });
    expect(await world.sync()).toMatchObject({ state: 'failed', message: expect.stringMatching(/^Apple asked us to wait 2 minutes; the next try is at \d\d:\d\d\.$/) });
    for (let wait = 1; wait <= 3; wait++) {
      expect(time.pending.size).toBe(1);
      time.advance(90_000);
      time.fire();
      await vi.waitFor(() => expect(world.app.db.prepare("SELECT count(*) FROM audit_entries WHERE action = 'sync.failed'").pluck().get()).toBe(wait + 1));
    }
    // Three waits in a row: the fourth failure is left for the admin, with no sync before Apple's time.
    await vi.waitFor(() => expect(time.pending.size).toBe(0));
    time.advance(90_000);
    expect(await world.sync()).toMatchObject({ state: 'failed' });
    time.advance(90_000);
    expect(await world.sync()).toMatchObject({ state: 'succeeded' });
    expect(completed(world.app)).toBe(1);
  });
});
