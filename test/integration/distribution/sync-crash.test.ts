import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE_NAME } from '../../../main/db/open-database';
import { GenerationCleanup } from '../../../main/distribution/sync/generation-cleanup';
import { GenerationLeases } from '../../../main/distribution/sync/generation-leases';
import { GenerationStore } from '../../../main/distribution/sync/generation-store';
import { createOsSecretStore } from '../../../main/keychain/os-secret-store';
import type { SecretStore } from '../../../main/keychain/secret-store';
import { signedInAs } from '../../support/directory-app';
import { buildNodeEntry, type BuiltEntry } from '../../support/node-entry-build';
import { jobEnd } from '../../support/import-files';
import { organization, useTestApps } from '../../support/start-test-app';
import { useSandboxes } from '../../support/sandbox';
import { leftoverRows, liveCache } from '../../support/sync-cache';
import type { SyncChildInput } from '../../support/sync-child';
import { startSyncWorld } from '../../support/sync-world';
import { useTempDirs } from '../../support/temp-dir';

let child: BuiltEntry;
beforeAll(async () => {
  child = await buildNodeEntry('test/support/sync-child.ts');
}, 60_000);
afterAll(() => child.remove());

// The child opens the keychain by service name, so this test names its own.
const keychains: { service: string; store: SecretStore }[] = [];
afterEach(async () => {
  for (const { store } of keychains.splice(0)) for (const account of await store.list()) await store.delete(account);
});
function newSecrets(): SecretStore {
  const service = `com.manageddistribution.test.${randomUUID()}`;
  const store = createOsSecretStore(service);
  keychains.push({ service, store });
  return store;
}

const factories = { tempDir: useTempDirs(), newSecrets, startApp: useTestApps(), startSandbox: useSandboxes() };

describe('kill -9 in the middle of a sync', () => {
  it('leaves an intact database with the previous cache live, and leftovers that the cleanup deletes', async () => {
    const world = await startSyncWorld(factories, { pageSize: 100, data: { seed: 5, apps: 10, users: 200, assignments: 2_000 } });
    expect(await world.sync()).toMatchObject({ state: 'succeeded' });
    const good = world.cache();
    const generation = world.syncState().liveGeneration;
    const roomy = world.sandbox.assetsOf(world.location.id).find((a) => a.availableCount >= 10)!;
    await world.apple.waitForEvent(await world.apple.associate({ assets: [{ adamId: roomy.adamId }], serialNumbers: ['CRASH1', 'CRASH2'] }));
    world.sandbox.forgetVersionIds(world.location.id);
    world.sandbox.injectFaults({ kind: 'slow', delayMs: 100 }, { path: '/users', count: 1_000 });
    world.app.close();

    const databaseFile = join(world.dataDir, DATABASE_FILE_NAME);
    const input: SyncChildInput = {
      dataDir: world.dataDir,
      keychainService: keychains.at(-1)!.service,
      baseUrl: world.sandbox.baseUrl,
      lookupBaseUrl: world.sandbox.lookupBaseUrl,
      email: organization.email,
      password: organization.password,
      serviceId: world.service.id,
    };
    const syncing = spawn(process.execPath, [child.script, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    syncing.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    syncing.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => syncing.once('exit', (_code, signal) => resolve(signal)));

    // Kill it while it reads the users: the new generation's licenses and assignments are written.
    const watcher = new Database(databaseFile, { readonly: true });
    await vi.waitFor(
      () => {
        if (syncing.exitCode !== null) throw new Error(`the child ended before it was killed:\n${output}`);
        expect(leftoverRows(watcher, world.service.id), output).toBeGreaterThan(2_000);
      },
      { timeout: 10_000, interval: 20 },
    );
    watcher.close();
    syncing.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(output).toContain('"started":{"ok":true');

    const db = new Database(databaseFile);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(db.prepare('SELECT live_generation FROM sync_state WHERE service_id = ?').pluck().get(world.service.id)).toBe(generation);
    expect(liveCache(db, world.service.id)).toEqual(good);
    const leftovers = leftoverRows(db, world.service.id);
    expect(leftovers).toBeGreaterThan(2_000);

    const store = new GenerationStore(db);
    const cleanup = new GenerationCleanup(store, new GenerationLeases((id) => store.highest(id)), () => [world.service.id]);
    expect(await cleanup.all()).toBe(leftovers);
    expect(leftoverRows(db, world.service.id)).toBe(0);
    expect(liveCache(db, world.service.id)).toEqual(good);
    db.close();

    world.sandbox.clearFaults();
    const reopened = factories.startApp(world.dataDir, world.secrets, { baseUrl: world.sandbox.baseUrl, lookupBaseUrl: world.sandbox.lookupBaseUrl });
    const ada = await signedInAs(reopened, 'again', organization.email, organization.password);
    const started = await ada.ok('sync.start', { serviceId: world.service.id });
    expect(await jobEnd(reopened, started.id)).toMatchObject({ state: 'succeeded' });
    expect(liveCache(reopened.db, world.service.id)).toEqual(world.expected());
  });

  it('the app deletes what an interrupted sync left behind when it starts', async () => {
    const world = await startSyncWorld(factories, { pageSize: 100, data: { seed: 5, apps: 10, users: 200, assignments: 2_000 } });
    expect(await world.sync()).toMatchObject({ state: 'succeeded' });
    const good = world.cache();
    // What a killed sync leaves: rows under a generation that never went live.
    world.app.db.exec(`INSERT INTO cached_assignments SELECT service_id, generation + 7, adam_id, pricing, client_user_id, serial_number FROM cached_assignments;
      INSERT INTO cached_apple_users (service_id, generation, client_user_id, email, managed_apple_id, invite_code, id_hash, status)
        SELECT service_id, generation + 7, client_user_id, email, managed_apple_id, invite_code, id_hash, status FROM cached_apple_users;`);
    expect(world.leftovers()).toBe(2_200);
    world.app.close();

    const reopened = factories.startApp(world.dataDir, world.secrets);
    await vi.waitFor(() => expect(leftoverRows(reopened.db, world.service.id)).toBe(0));
    expect(liveCache(reopened.db, world.service.id)).toEqual(good);
  });
});
