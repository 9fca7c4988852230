import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppleClient } from '../../../main/apple/client/apple-client';
import type { EventOutcome } from '../../../main/apple/client/event-waiter';
import type { EventFailure } from '../../../main/apple/model/event-status';
import type { EventRequest, SubmittedEvent } from '../../../main/apple/model/write-requests';
import { AuditLog } from '../../../main/audit/audit-log';
import { systemClock } from '../../../main/clock/clock';
import { openDatabase } from '../../../main/db/open-database';
import { carryOutRun, MAX_LICENSE_ATTEMPTS } from '../../../main/distribution/installs/install-runner';
import { InstallStore, type InstallRun } from '../../../main/distribution/installs/install-store';
import type { TokenRun } from '../../../main/distribution/token-service';
import type { EnqueueResult, MdmAdapter } from '../../../main/mdm/mdm-adapter';
import type { MdmCommand } from '../../../main/mdm/mdm-commands';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

const limits = { maxAssets: 25, maxUsers: 100, maxClientUserIds: 1000, maxSerialNumbers: 1000, maxRevokeClientUserIds: 100, maxRevokeSerialNumbers: 100, maxNotificationLength: 512, maxMdmNameLength: 100, maxMdmMetadataLength: 255, maxMdmIdLength: 100 };

const failure = (errorNumber: number, serialNumbers: string[]): EventFailure => ({ errorNumber, message: `Apple said ${errorNumber}.`, appleMessage: null, assets: [], clientUserIds: [], serialNumbers });

/** An Apple whose associate events end with the failures given, one list per event in turn. */
function scriptedApple(outcomes: EventFailure[][]) {
  const submitted: EventRequest[] = [];
  const client = {
    getServiceConfig: async () => ({ limits, invitationUrlTemplate: '', contentMetadataLookupUrl: null, errorCodes: [], notificationTypes: [] }),
    submit: async (request: EventRequest): Promise<SubmittedEvent> => {
      submitted.push(request);
      return { eventId: `event-${submitted.length}`, request };
    },
    waitForEvent: async (event: SubmittedEvent | string): Promise<EventOutcome> => {
      const failures = outcomes.shift() ?? [];
      const eventId = typeof event === 'string' ? event : event.eventId;
      return { eventId, state: failures.length ? 'FAILED' : 'COMPLETE', type: 'ASSOCIATE', numCompleted: 0, numRequested: 0, failures, resends: 0 };
    },
  } as unknown as AppleClient;
  const run: TokenRun = (call) => call(client);
  return { run, submitted };
}

/** An MDM server that queues every command; `unreachable` ids get a push error, on enqueue and on push alike. */
function recordingMdm(unreachable: Record<string, string> = {}) {
  const sent: { ids: readonly string[]; command: MdmCommand }[] = [];
  const pushed: (readonly string[])[] = [];
  const adapter: MdmAdapter = {
    enqueue: async (ids, command): Promise<EnqueueResult> => {
      sent.push({ ids, command });
      return { results: ids.map((enrollmentId) => ({ enrollmentId, status: 'queued', commandUuid: command.commandUuid, pushError: unreachable[enrollmentId] ?? null })) };
    },
    push: async (ids) => {
      pushed.push(ids);
      return { results: ids.map((enrollmentId) => ({ enrollmentId, pushError: unreachable[enrollmentId] ?? null })) };
    },
  };
  return { adapter, sent, pushed, unreachable };
}

function runWith(serials: string[]) {
  const db = openDatabase(join(tempDir(), 'installs.sqlite'));
  open.push(db);
  const now = new Date().toISOString();
  db.prepare("INSERT INTO groups (id, name, kind, created_at) VALUES (1, 'Org', 'organization', ?)").run(now);
  db.prepare("INSERT INTO services (id, group_id, name, created_at) VALUES (1, 1, 'Apps', ?)").run(now);
  const store = new InstallStore(db);
  const run: Omit<InstallRun, 'state' | 'finishedAt' | 'resumeAt'> = { id: 'run-1', serviceId: 1, tokenId: 1, groupId: 1, adminId: null, adamId: '361309726', pricing: 'STDQ', kind: 'device', licensesOnly: false, createdAt: now };
  store.createRun(
    run,
    serials.map((serialNumber, index) => ({
      deviceId: null,
      userId: null,
      serialNumber,
      clientUserId: null,
      udid: `UDID-${index + 1}`,
      platform: 'iPadOS',
      osVersion: '17.4',
      supervised: true,
      licenseState: 'pending',
      commandState: 'pending',
    })),
  );
  const progress = { signal: new AbortController().signal, report: () => undefined, say: () => undefined };
  return { store, run: store.run('run-1')!, db, progress, audit: new AuditLog(db, systemClock) };
}

describe("Apple's answers during an install", () => {
  it('counts 9616 (already assigned) as assigned and sends the command', async () => {
    const world = runWith(['SERIAL1', 'SERIAL2']);
    const apple = scriptedApple([[failure(9616, ['SERIAL2'])]]);
    const mdm = recordingMdm();
    const summary = await carryOutRun(world.run, apple.run, { store: world.store, mdm: mdm.adapter, audit: world.audit, clock: systemClock }, world.progress);
    expect(summary.licenses).toEqual({ assigned: 2, failed: 0 });
    expect(mdm.sent.flatMap((s) => s.ids)).toEqual(['UDID-1', 'UDID-2']);
  });

  it(`asks again after 9610 (license not found), at most ${MAX_LICENSE_ATTEMPTS} times, then reports it`, async () => {
    const world = runWith(['SERIAL1', 'SERIAL2']);
    const apple = scriptedApple(Array.from({ length: MAX_LICENSE_ATTEMPTS }, () => [failure(9610, ['SERIAL2'])]));
    const mdm = recordingMdm();
    const summary = await carryOutRun(world.run, apple.run, { store: world.store, mdm: mdm.adapter, audit: world.audit, clock: systemClock }, world.progress);
    expect(apple.submitted).toHaveLength(MAX_LICENSE_ATTEMPTS);
    expect(apple.submitted.slice(1).map((r) => (r.type === 'ASSOCIATE' ? r.licenses.serialNumbers : null))).toEqual([['SERIAL2'], ['SERIAL2']]);
    expect(summary.licenses).toEqual({ assigned: 1, failed: 1 });
    expect(mdm.sent.flatMap((s) => s.ids)).toEqual(['UDID-1']);
  });

  it('sends nothing to a device whose license failed (9709)', async () => {
    const world = runWith(['SERIAL1', 'SERIAL2']);
    const apple = scriptedApple([[failure(9709, ['SERIAL1'])]]);
    const mdm = recordingMdm();
    await carryOutRun(world.run, apple.run, { store: world.store, mdm: mdm.adapter, audit: world.audit, clock: systemClock }, world.progress);
    expect(mdm.sent.flatMap((s) => s.ids)).toEqual(['UDID-2']);
    expect(world.store.items('run-1').map((i) => [i.licenseState, i.commandState])).toEqual([
      ['failed', 'not-needed'],
      ['assigned', 'queued'],
    ]);
  });

  it('records a command queued but not pushed as not reached, and a second pass pushes it again without a second command', async () => {
    const world = runWith(['SERIAL1', 'SERIAL2']);
    const mdm = recordingMdm({ 'UDID-2': 'push data missing for id' });
    const deps = { store: world.store, mdm: mdm.adapter, audit: world.audit, clock: systemClock };
    const summary = await carryOutRun(world.run, scriptedApple([]).run, deps, world.progress);
    expect(summary.commands).toEqual({ queued: 1, notReached: 1, failed: 0, notNeeded: 0 });
    const [, second] = world.store.items('run-1');
    expect(second).toMatchObject({ commandState: 'not-reached', reason: expect.stringMatching(/^Queued, not reached: push data missing for id\. The MDM server has no push token for this device/) });

    delete mdm.unreachable['UDID-2'];
    const again = await carryOutRun(world.run, scriptedApple([]).run, deps, world.progress);
    expect(again.commands).toEqual({ queued: 2, notReached: 0, failed: 0, notNeeded: 0 });
    expect(mdm.sent.flatMap((s) => s.ids)).toEqual(['UDID-1', 'UDID-2']);
    expect(mdm.pushed).toEqual([['UDID-2']]);
    expect(world.store.items('run-1')[1]).toMatchObject({ commandState: 'queued', reason: null, commandUuid: mdm.sent[0]!.command.commandUuid });
  });
});
