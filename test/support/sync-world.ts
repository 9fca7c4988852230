import { randomUUID } from 'node:crypto';
import { AppleClient } from '../../main/apple/client/apple-client';
import type { AppleSandbox, AppleSandboxOptions } from '../../main/apple/sandbox/apple-sandbox';
import type { GenerateOptions } from '../../main/apple/sandbox/generator/location-generator';
import type { App, AppleConfig } from '../../main/app';
import type { SecretStore } from '../../main/keychain/secret-store';
import type { ChannelOutput } from '../../preload/contract';
import { withOrganization } from './directory-app';
import { hookedFetch } from './hooked-fetch';
import { jobEnd } from './import-files';
import { appleConfigFor } from './sandbox';
import { leftoverRows, liveCache, sandboxState } from './sync-cache';

type Job = ChannelOutput<'jobs.get'>;

export interface SyncWorldFactories {
  startSandbox: (options?: AppleSandboxOptions) => Promise<AppleSandbox>;
  startApp: (dataDir: string, secrets: SecretStore, apple?: AppleConfig) => App & { logged: unknown[] };
  tempDir: () => string;
  newSecrets: () => SecretStore;
}

export interface SyncWorldOptions {
  pageSize: number;
  data: GenerateOptions;
}

/**
 * A generated sandbox location, an app whose school service holds its token, and the root
 * admin (a direct admin of the school) signed in; Apple requests pass a test hook.
 */
export async function startSyncWorld(factories: SyncWorldFactories, options: SyncWorldOptions) {
  const sandbox = await factories.startSandbox({ pageSize: options.pageSize });
  const location = sandbox.createLocation({ name: 'Springfield High Location', orgName: 'Springfield SD' });
  sandbox.generate(location.id, options.data);
  const sToken = sandbox.mintToken(location.id);
  const requests = hookedFetch();
  const dataDir = factories.tempDir();
  const secrets = factories.newSecrets();
  const base = appleConfigFor(sandbox);
  const app = factories.startApp(dataDir, secrets, { ...base, transport: { ...base.transport, fetch: requests.fetch } });
  const root = await withOrganization(app);
  const school = await root.ok('groups.create', { parentId: 1, name: 'Springfield High', kind: 'school' });
  await root.ok('admins.update', { adminId: 1, name: 'Ada Admin', email: 'ada@springfield.edu', directGroupIds: [1, school.id] });
  const service = await root.ok('services.create', { groupId: school.id, name: 'High school apps' });
  const added = await root.ok('tokens.add', { serviceId: service.id, token: sToken, makeActive: true, checkId: randomUUID() });
  // Changes a test makes to Apple's side, as another MDM or Apple School Manager would.
  const apple = new AppleClient({ token: sToken, baseUrl: sandbox.baseUrl, sleep: async () => undefined, events: { pollIntervalMs: 1 } });

  /** Starts a sync and resolves with how its job ended. */
  async function sync(): Promise<Job> {
    const started = await root.ok('sync.start', { serviceId: service.id });
    return jobEnd(app, started.id);
  }

  return {
    sandbox,
    location,
    sToken,
    tokenId: added.token.id,
    requests,
    dataDir,
    secrets,
    app,
    root,
    school,
    service,
    apple,
    sync,
    cache: () => liveCache(app.db, service.id),
    expected: () => sandboxState(sandbox, location.id),
    leftovers: () => leftoverRows(app.db, service.id),
    syncState: () =>
      app.db
        .prepare('SELECT live_generation AS liveGeneration, synced_at AS syncedAt, attempted_at AS attemptedAt, error_code AS errorCode, error FROM sync_state WHERE service_id = ?')
        .get(service.id) as { liveGeneration: number | null; syncedAt: string | null; attemptedAt: string | null; errorCode: string | null; error: string | null },
  };
}

export type SyncWorld = Awaited<ReturnType<typeof startSyncWorld>>;
