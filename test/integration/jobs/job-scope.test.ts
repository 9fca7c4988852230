import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../../main/app';
import type { Timers } from '../../../main/clock/timers';
import type { Job } from '../../../main/jobs/job-registry';
import { hookedFetch } from '../../support/hooked-fetch';
import { appleConfigFor, useSandboxes } from '../../support/sandbox';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';
import { startTwoDistricts } from '../../support/two-districts';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startSandbox = useSandboxes();
const apps: App[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.close();
});

/**
 * District A's service, its automatic sync started by the app and held at its first request
 * to Apple until the test lets it go.
 */
async function automaticSyncRunning() {
  const sandbox = await startSandbox();
  const requests = hookedFetch();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const waiting: (() => void)[] = [];
  const timers: Timers = { set: (callback) => waiting.push(callback), clear: () => undefined };
  const base = appleConfigFor(sandbox);
  const app = createApp({
    dataDir: tempDir(),
    secrets: newSecrets(),
    apple: { ...base, transport: { ...base.transport, fetch: requests.fetch } },
    timers,
    logError: () => undefined,
  });
  apps.push(app);
  const world = await startTwoDistricts(app, sandbox);
  requests.onRequest(() => held);
  const seen: Job[] = [];
  app.bus.subscribe((name, payload) => {
    if (name === 'jobs.progress') seen.push(payload as Job);
  });
  waiting.shift()!();
  await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0));
  const job = seen[0]!;
  const ended = new Promise<Job>((resolve) =>
    app.bus.subscribe((name, payload) => {
      const update = payload as Job;
      if (name === 'jobs.progress' && update.id === job.id && update.state !== 'running') resolve(update);
    }),
  );
  const audited = (action: string) => app.db.prepare('SELECT admin_id AS adminId, target, details FROM audit_entries WHERE action = ?').all(action);
  return { ...world, app, job, release, ended, audited };
}

describe('who may follow and cancel a job', () => {
  it("an admin of another district cannot read or cancel District A's automatic sync, and nothing is audited for them", async () => {
    const world = await automaticSyncRunning();
    expect(world.job).toMatchObject({ kind: 'sync', scope: { serviceId: world.service.id }, state: 'running' });

    const unknown = { ok: false, error: { code: 'NOT_FOUND' } };
    expect(await world.bob.call('jobs.get', { jobId: world.job.id })).toMatchObject(unknown);
    expect(await world.bob.call('jobs.cancel', { jobId: world.job.id })).toMatchObject(unknown);
    expect(world.audited('job.cancel')).toEqual([]);
    expect(await world.alice.ok('jobs.get', { jobId: world.job.id })).toMatchObject({ state: 'running' });

    world.release();
    expect(await world.ended).toMatchObject({ state: 'succeeded' });
  });

  it("District A's own admin cancels it, and the audit log says who", async () => {
    const world = await automaticSyncRunning();
    expect(await world.alice.ok('jobs.cancel', { jobId: world.job.id })).toMatchObject({ id: world.job.id });
    world.release();
    expect(await world.ended).toMatchObject({ state: 'cancelled' });
    expect(world.audited('job.cancel')).toEqual([
      { adminId: world.alice.id, target: `service:${world.service.id}`, details: JSON.stringify({ jobId: world.job.id, kind: 'sync', label: 'Sync District A apps' }) },
    ]);
    // Cancelling what has ended changes nothing and writes nothing.
    expect(await world.alice.ok('jobs.cancel', { jobId: world.job.id })).toMatchObject({ state: 'cancelled' });
    expect(world.audited('job.cancel')).toHaveLength(1);
  });

  it('a school admin below the service follows its sync, as the report shows it there', async () => {
    const world = await automaticSyncRunning();
    expect(await world.carol.ok('jobs.get', { jobId: world.job.id })).toMatchObject({ state: 'running' });
    expect(await world.root.ok('jobs.get', { jobId: world.job.id })).toMatchObject({ state: 'running' });
    world.release();
    await world.ended;
  });

  it("an import into District A is District A's: its admin follows it, District B's does not", async () => {
    const world = await automaticSyncRunning();
    world.release();
    await world.ended;
    const started = await world.alice.ok('import.start', {
      parentGroupId: world.districtA.id,
      files: [{ name: 'locations.csv', base64: Buffer.from('location_id,location_name\nL-1,A Middle\n').toString('base64') }],
    });
    expect(started.scope).toEqual({ groupId: world.districtA.id });
    expect(await world.alice.ok('jobs.get', { jobId: started.id })).toMatchObject({ kind: 'import' });
    expect(await world.bob.call('jobs.get', { jobId: started.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await world.carol.call('jobs.get', { jobId: started.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
