import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App, type AppleConfig } from '../../../main/app';
import type { SecretStore } from '../../../main/keychain/secret-store';
import { manualTime } from '../../support/manual-time';
import { useSandboxes } from '../../support/sandbox';
import { startSyncWorld } from '../../support/sync-world';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const HOUR = 60 * 60 * 1000;

const apps: App[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.close();
});

const time = manualTime();
const startApp = (dataDir: string, secrets: SecretStore, apple?: AppleConfig) => {
  const app = createApp({ dataDir, secrets, apple, clock: time.clock, timers: time.timers, logError: () => undefined });
  apps.push(app);
  return Object.assign(app, { logged: [] as unknown[] });
};
const factories = { tempDir: useTempDirs(), newSecrets: useTestSecretStore(), startApp, startSandbox: useSandboxes() };

describe('automatic sync', () => {
  it('syncs every service with a usable token shortly after start, then every N hours, as a system job', async () => {
    const world = await startSyncWorld(factories, { pageSize: 100, data: { seed: 3, apps: 8, users: 100, assignments: 600 } });
    const synced = () => world.app.db.prepare("SELECT count(*) FROM audit_entries WHERE action = 'sync.complete'").pluck().get() as number;
    const jobs: { id: string; state: string }[] = [];
    world.app.bus.subscribe((name, payload) => {
      if (name === 'jobs.progress') jobs.push(payload as { id: string; state: string });
    });

    expect(time.fire()).toBe(15_000);
    await vi.waitFor(() => expect(synced()).toBe(1));
    expect(world.cache()).toEqual(world.expected());
    expect(world.app.db.prepare("SELECT admin_id FROM audit_entries WHERE action = 'sync.complete'").pluck().get()).toBeNull();
    // It is the service's: every admin the service reaches may follow (or cancel) it.
    expect(await world.root.ok('jobs.get', { jobId: jobs[0]!.id })).toMatchObject({ kind: 'sync', state: 'succeeded' });

    await vi.waitFor(() => expect(time.pending.size).toBe(1));
    time.fire();
    expect(synced()).toBe(1);
    // Days pass on this clock: the admin's window would otherwise be signed out after 8 idle hours.
    await world.root.ok('sessions.saveSettings', { idleHours: 168 });
    time.advance(24 * HOUR);
    time.fire();
    await vi.waitFor(() => expect(synced()).toBe(2));

    await world.root.ok('settings.update', { autoSyncHours: 0 });
    await vi.waitFor(() => expect(time.pending.size).toBe(1));
    time.advance(48 * HOUR);
    time.fire();
    expect(synced()).toBe(2);

    world.app.close();
    expect(time.pending.size).toBe(0);
  });
});
