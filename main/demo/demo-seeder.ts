import { randomBytes, randomUUID } from 'node:crypto';
import type { Channel, ChannelInput, ChannelOutput } from '../../preload/contract';
import { AppleClient } from '../apple/client/apple-client';
import type { AppleSandbox } from '../apple/sandbox/apple-sandbox';
import type { App } from '../app';
import { DomainError } from '../errors/domain-error';
import type { Job } from '../jobs/job-registry';
import { generateDistrict } from './sample-district';

export const DEMO_ORGANIZATION = 'Springfield Unified (demo)';
const SEED = 2026;

async function call<C extends Channel>(app: App, clientId: string, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await app.dispatch(channel, input, clientId);
  if (!result.ok) throw new DomainError(result.error.code, `The sample district could not be set up (${channel}): ${result.error.message}`);
  return result.value as ChannelOutput<C>;
}

function jobEnd(app: App, jobId: string): Promise<Job> {
  return new Promise((resolve, reject) => {
    const unsubscribe = app.bus.subscribe((name, payload) => {
      const job = payload as Job;
      if (name !== 'jobs.progress' || job.id !== jobId || job.state === 'running') return;
      unsubscribe();
      if (job.state === 'succeeded') resolve(job);
      else reject(new DomainError('INTERNAL', `The sample district could not be set up: ${job.message ?? job.state}`));
    });
  });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Fills a fresh demo app the way an admin would: the organization, an Apple School Manager
 * import of a generated district, a service with a sandbox token, licenses held by the
 * district's own users and devices, and a first sync, so every page has something to show.
 *
 * Everything goes through the app's own dispatcher and the real Apple client, so demo mode
 * exercises the same code as a real district.
 */
export async function seedDemo(app: App, sandbox: AppleSandbox, clientId: string): Promise<void> {
  await call(app, clientId, 'setup.createOrganization', {
    organizationName: DEMO_ORGANIZATION,
    adminName: 'Demo Admin',
    email: 'demo.admin@example.edu',
    password: randomBytes(24).toString('base64url'),
  });
  const files = Object.entries(generateDistrict({ seed: SEED })).map(([name, text]) => ({ name, base64: Buffer.from(text).toString('base64') }));
  const imported = await call(app, clientId, 'import.start', { parentGroupId: 1, files });
  await jobEnd(app, imported.id);

  const location = sandbox.createLocation({ name: 'Springfield Unified School District', orgName: 'Springfield USD' });
  sandbox.generate(location.id, { seed: SEED, apps: 40, users: 0, devices: 0, assignments: 0 });
  const sToken = sandbox.mintToken(location.id);
  const service = await call(app, clientId, 'services.create', { groupId: 1, name: 'District apps' });
  await call(app, clientId, 'tokens.add', { serviceId: service.id, token: sToken, makeActive: true, checkId: randomUUID() });

  await holdLicenses(app, sandbox, location.id, sToken);
  const synced = await call(app, clientId, 'sync.start', { serviceId: service.id });
  await jobEnd(app, synced.id);
}

/** Apple users for the district's people with devices, most of them accepted, holding a few titles each. */
async function holdLicenses(app: App, sandbox: AppleSandbox, locationId: string, sToken: string): Promise<void> {
  const client = new AppleClient({ token: sToken, baseUrl: sandbox.baseUrl, events: { pollIntervalMs: 20 } });
  const people = app.db
    .prepare('SELECT DISTINCT u.client_user_id AS id, u.email FROM users u JOIN devices d ON d.user_id = u.id ORDER BY u.id')
    .all() as { id: string; email: string | null }[];
  const serials = (app.db.prepare("SELECT serial_number AS serial FROM devices WHERE user_id IS NULL AND platform <> 'tvOS'").all() as { serial: string }[]).map(
    (d) => d.serial,
  );
  for (const event of await client.submitInBatches({ type: 'CREATE', users: people.map((p) => ({ clientUserId: p.id, ...(p.email ? { email: p.email } : {}) })) })) {
    await client.waitForEvent(event);
  }
  const invited = sandbox.usersOf(locationId).filter((u) => u.inviteCode);
  invited.slice(0, Math.floor(invited.length * 0.7)).forEach((u) => sandbox.acceptInvitation(u.inviteCode!));

  const titles = sandbox.assetsOf(locationId).filter((a) => a.productType === 'App');
  for (const [index, title] of titles.slice(0, 12).entries()) {
    const holders = people.filter((_, i) => (i + index) % 3 === 0).map((p) => p.id);
    for (const group of chunks(holders, 900)) {
      for (const event of await client.submitInBatches({ type: 'ASSOCIATE', licenses: { assets: [{ adamId: title.adamId }], clientUserIds: group } })) {
        await client.waitForEvent(event);
      }
    }
    if (title.deviceAssignable && serials.length > 0) {
      const event = await client.associate({ assets: [{ adamId: title.adamId }], serialNumbers: serials.slice(0, 20) });
      await client.waitForEvent(event);
    }
  }
}
