import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { appleConfigFor, useSandboxes } from '../../support/sandbox';
import { clientOf, withOrganization } from '../../support/directory-app';
import { jobEnd } from '../../support/import-files';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';
import { startFakeNanoMdm, type FakeNanoMdm, type FakeNanoMdmOptions } from '../../support/fake-nanomdm';

const startSandbox = useSandboxes();
const startApp = useTestApps();
const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const mdms: FakeNanoMdm[] = [];
afterEach(async () => {
  await Promise.all(mdms.splice(0).map((m) => m.close()));
});

const APP = '361309726';

/** A school with a synced service holding one app, `devices` enrolled iPads, and a fake NanoMDM. */
async function school(devices: number, mdmOptions: FakeNanoMdmOptions = {}) {
  const sandbox = await startSandbox();
  const location = sandbox.createLocation({ name: 'North High Location' });
  sandbox.addAsset(location.id, { adamId: APP, pricingParam: 'STDQ', productType: 'App', totalCount: 100, deviceAssignable: true, revocable: true, supportedPlatforms: ['iOS'] });
  const mdm = await startFakeNanoMdm(mdmOptions);
  mdms.push(mdm);
  const app = startApp(tempDir(), newSecrets(), appleConfigFor(sandbox));
  const root = await withOrganization(app);
  const north = await root.ok('groups.create', { parentId: 1, name: 'North High', kind: 'school' });
  await root.ok('admins.update', { adminId: 1, name: 'Ada Admin', email: 'ada@springfield.edu', directGroupIds: [1, north.id] });
  const service = await root.ok('services.create', { groupId: north.id, name: 'North apps' });
  const token = await root.ok('tokens.add', { serviceId: service.id, token: sandbox.mintToken(location.id), makeActive: true, checkId: randomUUID() });
  await root.ok('mdm.saveSettings', { baseUrl: mdm.baseUrl, apiKey: mdm.apiKey });
  await jobEnd(app, (await clientOf(app, 'root').ok('sync.start', { serviceId: service.id })).id);
  const created = [];
  for (let n = 1; n <= devices; n++) {
    created.push(
      await root.ok('devices.create', {
        serialNumber: `IPAD${String(n).padStart(8, '0')}`,
        name: `iPad ${n}`,
        platform: 'iPadOS',
        osVersion: '17.4',
        supervised: true,
        udid: `UDID-${n}`,
        homeGroupId: north.id,
      }),
    );
  }
  const request = (changes: { target?: 'group' | 'devices'; deviceIds?: number[] } = {}) => ({
    groupId: north.id,
    tokenId: token.token.id,
    adamId: APP,
    kind: 'device' as const,
    target: 'group' as const,
    ...changes,
  });
  /** Serial numbers each associate request sent to Apple, one entry per time. */
  const associated = () =>
    sandbox
      .recordedRequests()
      .filter((r) => r.path.endsWith('/assets/associate'))
      .flatMap((r) => (r.body as { serialNumbers?: string[] }).serialNumbers ?? []);
  /** Enrollment ids an InstallApplication was queued for, one entry per time. */
  const commanded = () => mdm.commandEnqueues().flatMap((e) => e.ids);
  return { sandbox, app, root, north, devices: created, request, associated, commanded, mdm };
}

const count = (values: string[]) => values.reduce((tally, v) => tally.set(v, (tally.get(v) ?? 0) + 1), new Map<string, number>());

describe('one install of an app on a device at a time', () => {
  it('two Install at the same moment make one run: each device gets one license request and one install command, and the second is told which run is going', async () => {
    const s = await school(20);

    const answers = await Promise.all([s.root.call('installs.start', s.request()), s.root.call('installs.start', s.request())]);

    const accepted = answers.flatMap((a) => (a.ok ? [a.value] : []));
    const refused = answers.flatMap((a) => (a.ok ? [] : [a.error]));
    expect(accepted).toHaveLength(1);
    expect(refused).toEqual([
      {
        code: 'CONFLICT',
        message: expect.stringMatching(
          /^This app is already being installed on some of these devices by a run started at \d\d:\d\d by Ada Admin\. Open that install to follow it, or to resume it if it was interrupted, or try again once it has ended\.$/,
        ),
        details: { runId: accepted[0]!.runId },
      },
    ]);
    expect(await jobEnd(s.app, accepted[0]!.job.id)).toMatchObject({ state: 'succeeded', summary: { licenses: { assigned: 20 }, commands: { queued: 20 } } });

    const serials = count(s.associated());
    expect(serials.size).toBe(20);
    expect([...serials.values()].every((n) => n === 1)).toBe(true);
    const udids = count(s.commanded());
    expect(udids.size).toBe(20);
    expect([...udids.values()].every((n) => n === 1)).toBe(true);
    expect(s.app.db.prepare('SELECT count(*) FROM install_runs').pluck().get()).toBe(1);
  });

  it('refuses chosen devices that overlap a run not ended, and lets other devices go meanwhile', async () => {
    const s = await school(3);
    s.sandbox.setEventDelayMs(300);
    const first = await s.root.ok('installs.start', s.request({ target: 'devices', deviceIds: [s.devices[0]!.id, s.devices[1]!.id] }));

    const overlapping = await s.root.call('installs.start', s.request({ target: 'devices', deviceIds: [s.devices[1]!.id, s.devices[2]!.id] }));
    expect(overlapping).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { runId: first.runId } } });
    const apart = await s.root.ok('installs.start', s.request({ target: 'devices', deviceIds: [s.devices[2]!.id] }));

    await jobEnd(s.app, first.job.id);
    await jobEnd(s.app, apart.job.id);
    expect(count(s.commanded())).toEqual(new Map([['UDID-1', 1], ['UDID-2', 1], ['UDID-3', 1]]));
  });

  it('two Retry failed of one run at the same moment carry it once: the device is woken once', async () => {
    const s = await school(2, { enrolled: ['UDID-1'] });
    const started = await s.root.ok('installs.start', s.request());
    expect(await jobEnd(s.app, started.job.id)).toMatchObject({ summary: { commands: { queued: 1, notReached: 1 } } });
    s.mdm.enroll('UDID-2');

    const answers = await Promise.all([s.root.call('installs.retryFailed', { runId: started.runId }), s.root.call('installs.retryFailed', { runId: started.runId })]);

    const accepted = answers.flatMap((a) => (a.ok ? [a.value] : []));
    expect(accepted).toHaveLength(1);
    expect(answers.filter((a) => !a.ok)).toMatchObject([{ error: { code: 'CONFLICT', message: 'This install is still running.' } }]);
    await jobEnd(s.app, accepted[0]!.job.id);
    expect(s.mdm.pushes.map((p) => p.ids)).toEqual([['UDID-2']]);
  });
});
