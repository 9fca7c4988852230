import { randomUUID } from 'node:crypto';
import { AppleClient } from '../../main/apple/client/apple-client';
import type { AppleSandbox, AppleSandboxOptions } from '../../main/apple/sandbox/apple-sandbox';
import type { App, AppleConfig } from '../../main/app';
import type { SecretStore } from '../../main/keychain/secret-store';
import type { ChannelInput, ChannelOutput } from '../../preload/contract';
import { clientOf, signedInAs, withOrganization } from './directory-app';
import { appleConfigFor } from './sandbox';
import { organization } from './start-test-app';

type Run = ChannelOutput<'invitations.results'>;

export interface InvitationWorldFactories {
  startSandbox: (options?: AppleSandboxOptions) => Promise<AppleSandbox>;
  startApp: (dataDir: string, secrets: SecretStore, apple?: AppleConfig) => App & { logged: unknown[] };
  tempDir: () => string;
  newSecrets: () => SecretStore;
}

export interface Person {
  name: string;
  email: string | null;
  managedAppleId?: string | null;
  /** Platform and version of each device; every device is enrolled (has a UDID). */
  devices: { platform: 'iOS' | 'iPadOS' | 'macOS'; osVersion: string }[];
}

/**
 * A district whose school has a Managed Distribution service with an active sandbox token,
 * the root admin (a direct admin of the school) signed in, and people with devices.
 */
export async function startInvitationWorld(factories: InvitationWorldFactories, people: readonly Person[]) {
  const sandbox = await factories.startSandbox();
  const location = sandbox.createLocation({ name: 'Springfield High Location', orgName: 'Springfield SD' });
  const sToken = sandbox.mintToken(location.id);
  const dataDir = factories.tempDir();
  const secrets = factories.newSecrets();
  const apple = appleConfigFor(sandbox);
  let app = factories.startApp(dataDir, secrets, apple);
  let root = await withOrganization(app);
  const school = await root.ok('groups.create', { parentId: 1, name: 'Springfield High', kind: 'school' });
  await root.ok('admins.update', { adminId: 1, name: 'Ada Admin', email: organization.email, directGroupIds: [1, school.id] });
  const service = await root.ok('services.create', { groupId: school.id, name: 'High school apps' });
  await root.ok('tokens.add', { serviceId: service.id, token: sToken, makeActive: true, checkId: randomUUID() });

  const users: { id: number; name: string; email: string | null; clientUserId: string; udids: string[] }[] = [];
  let serial = 0;
  for (const person of people) {
    const user = await root.ok('users.create', {
      name: person.name,
      email: person.email,
      managedAppleId: person.managedAppleId ?? null,
      role: 'student',
      gradeLevel: null,
      externalId: null,
      homeGroupId: school.id,
    });
    const udids: string[] = [];
    for (const device of person.devices) {
      serial++;
      const udid = `UDID-${String(serial).padStart(4, '0')}`;
      const created = await root.ok('devices.create', {
        serialNumber: `SERIAL${String(serial).padStart(4, '0')}`,
        name: null,
        platform: device.platform,
        osVersion: device.osVersion,
        supervised: true,
        udid,
        homeGroupId: school.id,
      });
      await root.ok('devices.associate', { deviceId: created.id, owner: { kind: 'user', id: user.id } });
      udids.push(udid);
    }
    const { client_user_id } = app.db.prepare('SELECT client_user_id FROM users WHERE id = ?').get(user.id) as { client_user_id: string };
    users.push({ id: user.id, name: person.name, email: person.email, clientUserId: client_user_id, udids });
  }

  /** Changes on Apple's side, as another MDM or Apple School Manager would make them. */
  const appleClient = new AppleClient({ token: sToken, baseUrl: sandbox.baseUrl, sleep: async () => undefined, events: { pollIntervalMs: 1 } });
  const options = (changes: Partial<ChannelInput<'invitations.start'>> = {}): ChannelInput<'invitations.start'> => ({
    serviceId: service.id,
    groupId: school.id,
    audience: 'all',
    byEmail: true,
    byDevice: false,
    ...changes,
  });

  /** Polls until the run has ended. */
  async function finished(runId: string, timeoutMs = 20_000): Promise<Run> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await root.ok('invitations.results', { runId });
      if (run.state !== 'running') return run;
      if (Date.now() > deadline) throw new Error(`run ${runId} still running: ${JSON.stringify(run.counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return {
    sandbox,
    location,
    dataDir,
    secrets,
    get app() {
      return app;
    },
    get root() {
      return root;
    },
    school,
    service,
    users,
    appleClient,
    options,
    finished,
    /** Closes the app and opens a new one on the same data folder, signed in again. */
    async restart() {
      app.close();
      app = factories.startApp(dataDir, secrets, apple);
      root = await signedInAs(app, 'root', organization.email, organization.password);
    },
    other: (clientId: string) => clientOf(app, clientId),
  };
}

export type InvitationWorld = Awaited<ReturnType<typeof startInvitationWorld>>;
