import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../main/app';
import type { Timers } from '../../../main/clock/timers';
import { ABANDONED_DEMO_MS, AppHost, DEMO_FOLDER, MAX_OPEN_DEMOS } from '../../../main/demo/app-host';
import type { EventName } from '../../../preload/contract';
import type { Job } from '../../../main/jobs/job-registry';
import { hookedFetch } from '../../support/hooked-fetch';
import { appleConfigFor, useSandboxes } from '../../support/sandbox';
import { organization } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startSandbox = useSandboxes();
const hosts: AppHost[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.close();
});

const ADMIN_TAB = 'web:admin-tab-0001';
const VISITOR_TAB = 'web:visitor-tab-01';

/** A host whose own app has an organization, its admin signed in on one tab, and that admin's sync held running. */
async function hostWithRunningSync(timers?: Timers) {
  const sandbox = await startSandbox();
  const location = sandbox.createLocation({ name: 'Springfield High Location', orgName: 'Springfield SD' });
  sandbox.generate(location.id, { seed: 7, apps: 4, users: 20, assignments: 40 });
  const requests = hookedFetch();
  const base = appleConfigFor(sandbox);
  const dataDir = tempDir();
  const host = new AppHost(createApp, {
    dataDir,
    secrets: newSecrets(),
    apple: { ...base, transport: { ...base.transport, fetch: requests.fetch } },
    autoSync: false,
    timers,
    logError: () => undefined,
  });
  hosts.push(host);
  const call = async (clientId: string, channel: string, input: unknown) => {
    const result = await host.dispatch(channel, input, clientId);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as Record<string, unknown> & { id: number };
  };
  await call(ADMIN_TAB, 'setup.createOrganization', organization);
  const service = await call(ADMIN_TAB, 'services.create', { groupId: 1, name: 'District apps' });
  await call(ADMIN_TAB, 'tokens.add', { serviceId: service.id, token: sandbox.mintToken(location.id), makeActive: true, checkId: randomUUID() });

  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  requests.onRequest(() => held);
  const job = (await call(ADMIN_TAB, 'sync.start', { serviceId: service.id })) as unknown as Job;
  const heard = { admin: [] as [EventName, unknown][], visitor: [] as [EventName, unknown][] };
  host.listen(ADMIN_TAB, (name, payload) => heard.admin.push([name, payload]));
  host.listen(VISITOR_TAB, (name, payload) => heard.visitor.push([name, payload]));
  return { host, dataDir, job, release, call, heard };
}

const jobIds = (events: [EventName, unknown][]) => new Set(events.filter(([name]) => name === 'jobs.progress').map(([, job]) => (job as Job).id));

describe('the sample district beside the admins’ own app', () => {
  it('opening and leaving it in one tab leaves another tab’s session, running job and data as they were', { timeout: 120_000 }, async () => {
    const world = await hostWithRunningSync();
    const { host, call } = world;
    const before = await call(ADMIN_TAB, 'groups.tree', {});

    // A tab nobody signed in on, from the welcome screen.
    expect(await call(VISITOR_TAB, 'demo.start', {})).toMatchObject({ name: 'Demo Admin' });
    expect(await call(VISITOR_TAB, 'app.status', {})).toMatchObject({ demo: true, organizationName: 'Springfield Unified (demo)', admin: { name: 'Demo Admin' } });
    const demoFolders = readdirSync(join(world.dataDir, DEMO_FOLDER));
    expect(demoFolders).toHaveLength(1);

    expect(await call(ADMIN_TAB, 'app.status', {})).toMatchObject({ demo: false, organizationName: organization.organizationName, admin: { name: 'Ada Admin' } });
    expect(await call(ADMIN_TAB, 'jobs.get', { jobId: world.job.id })).toMatchObject({ state: 'running' });
    expect(await call(ADMIN_TAB, 'groups.tree', {})).toEqual(before);
    // Each tab hears its own app only.
    const demoSync = (await call(VISITOR_TAB, 'sync.start', { serviceId: 1 })) as unknown as Job;
    await vi.waitFor(() => expect(jobIds(world.heard.visitor)).toContain(demoSync.id));
    expect(await host.dispatch('jobs.get', { jobId: world.job.id }, VISITOR_TAB)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(jobIds(world.heard.admin)).not.toContain(demoSync.id);

    expect(await call(VISITOR_TAB, 'demo.exit', {})).toEqual({});
    expect(await call(VISITOR_TAB, 'app.status', {})).toMatchObject({ demo: false, organizationName: organization.organizationName, admin: null });
    expect(existsSync(join(world.dataDir, DEMO_FOLDER, demoFolders[0]!))).toBe(false);
    expect(await call(ADMIN_TAB, 'app.status', {})).toMatchObject({ admin: { name: 'Ada Admin' } });
    expect(await call(ADMIN_TAB, 'jobs.get', { jobId: world.job.id })).toMatchObject({ state: 'running' });

    world.release();
    await vi.waitFor(async () => expect(await call(ADMIN_TAB, 'jobs.get', { jobId: world.job.id })).toMatchObject({ state: 'succeeded' }));
    expect(jobIds(world.heard.admin)).toContain(world.job.id);
    expect(jobIds(world.heard.visitor)).not.toContain(world.job.id);
    expect(await call(ADMIN_TAB, 'groups.tree', {})).toEqual(before);
  });

  it('gives each tab its own sample district, and leaving one closes only that one', { timeout: 180_000 }, async () => {
    const world = await hostWithRunningSync();
    const { call } = world;
    const second = 'web:visitor-tab-02';
    await Promise.all([call(VISITOR_TAB, 'demo.start', {}), call(second, 'demo.start', {})]);
    expect(readdirSync(join(world.dataDir, DEMO_FOLDER))).toHaveLength(2);
    const renamed = await call(VISITOR_TAB, 'groups.rename', { groupId: 1, name: 'Renamed in the first demo' });
    expect(renamed).toMatchObject({ name: 'Renamed in the first demo' });
    expect(await call(second, 'app.status', {})).toMatchObject({ organizationName: 'Springfield Unified (demo)' });

    await call(VISITOR_TAB, 'demo.exit', {});
    expect(await call(second, 'app.status', {})).toMatchObject({ demo: true, admin: { name: 'Demo Admin' } });
    expect(readdirSync(join(world.dataDir, DEMO_FOLDER))).toHaveLength(1);
    // Leaving from a tab that has no demo is nothing to do.
    expect(await call(ADMIN_TAB, 'demo.exit', {})).toEqual({});
    expect(await call(ADMIN_TAB, 'jobs.get', { jobId: world.job.id })).toMatchObject({ state: 'running' });
    world.release();
  });

  it(`keeps at most ${MAX_OPEN_DEMOS} sample districts open at once, and says why another must wait`, { timeout: 180_000 }, async () => {
    const world = await hostWithRunningSync();
    world.release();
    const tabs = Array.from({ length: MAX_OPEN_DEMOS + 1 }, (_, i) => `web:visitor-tab-1${i}`);
    await Promise.all(tabs.slice(0, MAX_OPEN_DEMOS).map((tab) => world.call(tab, 'demo.start', {})));
    expect(await world.host.dispatch('demo.start', {}, tabs.at(-1)!)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: `${MAX_OPEN_DEMOS} sample districts are open already in other windows or tabs. Leave one of them, then try again.` },
    });
    await world.call(tabs[0]!, 'demo.exit', {});
    expect(await world.call(tabs.at(-1)!, 'demo.start', {})).toMatchObject({ name: 'Demo Admin' });
    expect(readdirSync(join(world.dataDir, DEMO_FOLDER))).toHaveLength(MAX_OPEN_DEMOS);
  });

  it('closes the demo of a tab that went away: its last event stream ended and none came back in time', { timeout: 120_000 }, async () => {
    const waiting = new Map<number, { callback: () => void; ms: number }>();
    let next = 0;
    const timers: Timers = {
      set: (callback, ms) => {
        waiting.set(++next, { callback, ms });
        return next;
      },
      clear: (handle) => waiting.delete(handle as number),
    };
    const world = await hostWithRunningSync(timers);
    world.release();
    const tab = 'web:visitor-tab-21';
    await world.call(tab, 'demo.start', {});
    // A reload: the stream closes and opens again before the time is up.
    const stop = world.host.listen(tab, () => undefined);
    stop();
    expect([...waiting.values()].map((t) => t.ms)).toEqual([ABANDONED_DEMO_MS]);
    const again = world.host.listen(tab, () => undefined);
    expect(waiting.size).toBe(0);
    expect(await world.call(tab, 'app.status', {})).toMatchObject({ demo: true });

    // The tab is closed.
    again();
    const [timer] = [...waiting.values()];
    timer!.callback();
    await vi.waitFor(() => expect(readdirSync(join(world.dataDir, DEMO_FOLDER))).toEqual([]));
    expect(await world.call(tab, 'app.status', {})).toMatchObject({ demo: false, organizationName: organization.organizationName });
    expect(await world.call(ADMIN_TAB, 'app.status', {})).toMatchObject({ admin: { name: 'Ada Admin' } });
  });
});
