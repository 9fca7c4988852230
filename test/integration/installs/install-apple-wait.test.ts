import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../../main/app';
import { clientOf, withOrganization } from '../../support/directory-app';
import { startFakeNanoMdm, type FakeNanoMdm } from '../../support/fake-nanomdm';
import { jobEnd } from '../../support/import-files';
import { manualTime } from '../../support/manual-time';
import { appleConfigFor, useSandboxes } from '../../support/sandbox';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const APP = '361309726';
const time = manualTime();
const startSandbox = useSandboxes();
const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const apps: App[] = [];
const mdms: FakeNanoMdm[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) app.close();
  await Promise.all(mdms.splice(0).map((m) => m.close()));
});

describe('an install run Apple asks to wait', () => {
  it("waits for Apple's Retry-After time with the job saying when, then licenses and installs by itself", async () => {
    const sandbox = await startSandbox();
    const location = sandbox.createLocation({ name: 'North High Location' });
    sandbox.addAsset(location.id, { adamId: APP, pricingParam: 'STDQ', productType: 'App', totalCount: 5, deviceAssignable: true, revocable: true, supportedPlatforms: ['iOS'] });
    const mdm = await startFakeNanoMdm();
    mdms.push(mdm);
    const app = createApp({ dataDir: tempDir(), secrets: newSecrets(), apple: appleConfigFor(sandbox), clock: time.clock, timers: time.timers, autoSync: false, logError: () => undefined });
    apps.push(app);
    const root = await withOrganization(app);
    const service = await root.ok('services.create', { groupId: 1, name: 'District apps' });
    const token = await root.ok('tokens.add', { serviceId: service.id, token: sandbox.mintToken(location.id), makeActive: true, checkId: randomUUID() });
    await root.ok('mdm.saveSettings', { baseUrl: mdm.baseUrl, apiKey: mdm.apiKey });
    await jobEnd(app, (await clientOf(app, 'root').ok('sync.start', { serviceId: service.id })).id);
    await root.ok('devices.create', { serialNumber: 'IPAD00000001', name: 'iPad 1', platform: 'iPadOS', osVersion: '17.4', supervised: true, udid: 'UDID-1', homeGroupId: 1 });

    sandbox.injectFaults({ kind: 'unavailable', retryAfter: '120' }, { path: '/assets/associate', count: 1 });
    const started = await root.ok('installs.start', { groupId: 1, tokenId: token.token.id, adamId: APP, kind: 'device', target: 'group' });
    await vi.waitFor(async () => expect((await root.ok('jobs.get', { jobId: started.job.id })).phase).toMatch(/^Apple asked us to wait; the next try is at \d\d:\d\d$/));
    expect([...time.pending.values()].map((t) => t.ms)).toEqual([expect.closeTo(120_000, -4)]);
    expect(sandbox.assignmentsOf(location.id)).toEqual([]);
    expect(mdm.commandEnqueues()).toEqual([]);

    time.advance(120_000);
    time.fire();
    expect(await jobEnd(app, started.job.id)).toMatchObject({ state: 'succeeded', summary: { licenses: { assigned: 1, failed: 0 }, commands: { queued: 1 } } });
    expect(sandbox.assignmentsOf(location.id).map((a) => a.serialNumber)).toEqual(['IPAD00000001']);
    expect(app.db.prepare('SELECT resume_at FROM install_runs').pluck().get()).toBeNull();
  });
});
