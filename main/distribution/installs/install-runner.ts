import { splitLicenseRequest } from '../../apple/client/batch-splitter';
import { AppleWaitError } from '../../apple/errors/apple-wait-error';
import type { EventOutcome } from '../../apple/client/event-waiter';
import type { LicenseRequest, SubmittedEvent } from '../../apple/model/write-requests';
import type { AuditLog } from '../../audit/audit-log';
import type { Clock } from '../../clock/clock';
import { DomainError } from '../../errors/domain-error';
import type { JobProgress, JobSummary } from '../../jobs/job-registry';
import type { MdmAdapter } from '../../mdm/mdm-adapter';
import { installApplication } from '../../mdm/mdm-commands';
import { notReachedReason } from '../../mdm/not-reached';
import { registerWithApple } from '../invitations/apple-registration';
import type { TokenRun } from '../token-service';
import type { InstallItem, InstallRun, InstallStore } from './install-store';

/** Apple's "license not found" (9610) shows up intermittently during installs; asked again this many times. */
export const MAX_LICENSE_ATTEMPTS = 3;

const ALREADY_ASSIGNED = 9616;
const LICENSE_NOT_FOUND = 9610;

export interface RunnerDeps {
  store: InstallStore;
  mdm: MdmAdapter;
  audit: AuditLog;
  clock: Clock;
}

const holderOf = (item: InstallItem) => (item.serialNumber ? item.serialNumber.toUpperCase() : item.clientUserId!);

/**
 * Carries one install run forward from whatever state its items are in.
 *
 * Every step is written to install_items before and after it happens: a license is
 * 'submitted' with its Apple event id before the event is waited for, so running this again
 * after a restart first asks Apple how those events ended and never associates a holder
 * whose license is confirmed. Commands go only to devices whose license Apple confirmed.
 */
export async function carryOutRun(run: InstallRun, apple: TokenRun, deps: RunnerDeps, progress: JobProgress): Promise<JobSummary> {
  const { store } = deps;
  // Progress counts one step per license holder and one per install command.
  const report = (phase: string) => {
    const items = store.items(run.id);
    const all = new Set(items.map(holderOf)).size + items.filter((i) => i.commandState !== null && i.commandState !== 'not-needed').length;
    const licensesDone = new Set(items.filter((i) => i.licenseState === 'assigned' || i.licenseState === 'failed').map(holderOf)).size;
    const commandsDone = items.filter((i) => i.commandState === 'queued' || i.commandState === 'not-reached' || i.commandState === 'failed').length;
    progress.report(phase, licensesDone + commandsDone, all);
  };

  report('Checking licenses sent before');
  for (const eventId of new Set(store.items(run.id).filter((i) => i.licenseState === 'submitted').map((i) => i.eventId!))) {
    const holders = store.items(run.id).filter((i) => i.licenseState === 'submitted' && i.eventId === eventId).map(holderOf);
    try {
      const outcome = await apple((client) => client.waitForEvent(eventId, progress.signal));
      applyOutcome(run, holders, outcome, deps);
    } catch (error) {
      if (progress.signal.aborted || !(error instanceof DomainError) || error instanceof AppleWaitError) throw error;
      // An event Apple no longer knows is asked again: Apple answers an already held license as done (9616).
      store.setLicense(run.id, holders, 'pending', {}, deps.clock.now());
    }
    report('Assigning licenses');
  }

  if (run.kind === 'user') await registerManagedAccounts(run, apple, deps, progress, () => report('Registering Managed Apple Accounts with Apple'));

  for (let round = 0; round < MAX_LICENSE_ATTEMPTS; round++) {
    const pending = [...new Set(store.items(run.id).filter((i) => i.licenseState === 'pending').map(holderOf))];
    if (pending.length === 0) break;
    const byKind = run.kind === 'device' ? { serialNumbers: pending } : { clientUserIds: pending };
    const request: LicenseRequest = { assets: [{ adamId: run.adamId, pricingParam: run.pricing }], ...byKind };
    const { limits } = await apple((client) => client.getServiceConfig());
    for (const part of splitLicenseRequest(request, limits)) {
      progress.signal.throwIfAborted();
      const holders = part.serialNumbers ?? part.clientUserIds ?? [];
      const submitted: SubmittedEvent = await apple((client) => client.submit({ type: 'ASSOCIATE', licenses: part }, progress.signal));
      store.setLicense(run.id, holders, 'submitted', { eventId: submitted.eventId, countAttempt: true }, deps.clock.now());
      deps.audit.record(run.adminId, 'install.assign', `service:${run.serviceId}`, {
        runId: run.id,
        tokenId: run.tokenId,
        adamId: run.adamId,
        eventId: submitted.eventId,
        kind: run.kind,
        holders: holders.length,
      });
      const outcome = await apple((client) => client.waitForEvent(submitted, progress.signal));
      applyOutcome(run, holders, outcome, deps);
      report('Assigning licenses');
    }
  }
  store.setLicense(run.id, [...new Set(store.items(run.id).filter((i) => i.licenseState === 'pending').map(holderOf))], 'failed', { reason: 'Apple could not find the license after several tries (9610). Try again later.' }, deps.clock.now());

  await pushAgain(run, deps, progress);
  await sendCommands(run, deps, progress, () => report('Sending install commands'));
  report('Done');
  return summarize(store.items(run.id));
}

/**
 * Users with a Managed Apple Account Apple does not show associated are registered with it
 * first (users/create with managedAppleId): Apple associates them at once, so no invitation
 * is needed. Registering again after a restart is harmless (9716, already there); those Apple
 * refuses get its reason and no license.
 */
async function registerManagedAccounts(run: InstallRun, apple: TokenRun, deps: RunnerDeps, progress: JobProgress, onStart: () => void): Promise<void> {
  const users = deps.store.directRegistrations(run.id);
  if (users.length === 0) return;
  onStart();
  const outcome = await registerWithApple(apple, users, progress.signal);
  for (const [clientUserId, reason] of outcome.failures) deps.store.setLicense(run.id, [clientUserId], 'failed', { reason }, deps.clock.now());
  deps.audit.record(run.adminId, 'install.register', `service:${run.serviceId}`, {
    runId: run.id,
    tokenId: run.tokenId,
    users: users.length,
    created: outcome.created,
    failed: outcome.failures.size,
  });
}

/** Holders Apple names in a failure get its reason; the rest of the event's holders are assigned. */
function applyOutcome(run: InstallRun, holders: readonly string[], outcome: EventOutcome, deps: RunnerDeps): void {
  const now = deps.clock.now();
  const named = new Set<string>();
  const unnamed = outcome.failures.find((f) => f.clientUserIds.length === 0 && f.serialNumbers.length === 0 && f.errorNumber !== ALREADY_ASSIGNED);
  for (const failure of outcome.failures) {
    const ids = [...failure.serialNumbers.map((s) => s.toUpperCase()), ...failure.clientUserIds].filter((id) => holders.includes(id));
    ids.forEach((id) => named.add(id));
    if (failure.errorNumber === ALREADY_ASSIGNED) deps.store.setLicense(run.id, ids, 'assigned', {}, now);
    else if (failure.errorNumber === LICENSE_NOT_FOUND) deps.store.setLicense(run.id, ids, 'pending', {}, now);
    else deps.store.setLicense(run.id, ids, 'failed', { reason: `${failure.message} (Apple ${failure.errorNumber})` }, now);
  }
  const rest = holders.filter((h) => !named.has(h));
  if (unnamed) deps.store.setLicense(run.id, rest, 'failed', { reason: `${unnamed.message} (Apple ${unnamed.errorNumber})` }, now);
  else deps.store.setLicense(run.id, rest, 'assigned', {}, now);
}

/**
 * Devices whose command an earlier pass left queued but not reached get the wake-up push
 * again; the command already waits for them, and a second one would install twice.
 */
async function pushAgain(run: InstallRun, deps: RunnerDeps, progress: JobProgress): Promise<void> {
  const waiting = deps.store.items(run.id).filter((i) => i.commandState === 'not-reached' && i.udid !== null);
  if (waiting.length === 0) return;
  progress.signal.throwIfAborted();
  const now = () => deps.clock.now();
  try {
    const { results } = await deps.mdm.push(waiting.map((i) => i.udid!));
    for (const result of results) {
      const ids = waiting.filter((i) => i.udid === result.enrollmentId).map((i) => i.id);
      if (result.pushError === null) deps.store.setCommand(ids, 'queued', { commandUuid: null, reason: null }, now());
      else deps.store.setCommand(ids, 'not-reached', { commandUuid: null, reason: notReachedReason(result.pushError) }, now());
    }
  } catch (error) {
    if (progress.signal.aborted || !(error instanceof DomainError)) throw error;
    deps.store.setCommand(waiting.map((i) => i.id), 'not-reached', { commandUuid: null, reason: notReachedReason(error.message) }, now());
  }
  deps.audit.record(run.adminId, 'install.push', `service:${run.serviceId}`, { runId: run.id, tokenId: run.tokenId, adamId: run.adamId, devices: waiting.length });
}

/** One InstallApplication per group of devices that need the same keys, only to confirmed licenses. */
async function sendCommands(run: InstallRun, deps: RunnerDeps, progress: JobProgress, onBatch: () => void): Promise<void> {
  const due = deps.store.items(run.id).filter((i) => i.licenseState === 'assigned' && i.commandState === 'pending' && i.udid !== null);
  const groups = new Map<string, InstallItem[]>();
  for (const item of due) {
    const key = `${item.platform}|${item.osVersion}|${item.supervised ? 1 : 0}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const items of groups.values()) {
    progress.signal.throwIfAborted();
    const [first] = items as [InstallItem];
    const command = installApplication({ adamId: run.adamId, platform: first.platform, supervised: first.supervised, osVersion: first.osVersion });
    const now = () => deps.clock.now();
    try {
      const { results } = await deps.mdm.enqueue(items.map((i) => i.udid!), command);
      for (const result of results) {
        const ids = items.filter((i) => i.udid === result.enrollmentId).map((i) => i.id);
        if (result.status === 'queued' && result.pushError !== null) {
          deps.store.setCommand(ids, 'not-reached', { commandUuid: result.commandUuid, reason: notReachedReason(result.pushError) }, now());
        } else if (result.status === 'queued') deps.store.setCommand(ids, 'queued', { commandUuid: result.commandUuid, reason: null }, now());
        else deps.store.setCommand(ids, 'failed', { commandUuid: result.commandUuid, reason: `The MDM server did not queue the install: ${result.reason}` }, now());
      }
    } catch (error) {
      if (progress.signal.aborted || !(error instanceof DomainError)) throw error;
      deps.store.setCommand(items.map((i) => i.id), 'failed', { commandUuid: null, reason: error.message }, now());
    }
    deps.audit.record(run.adminId, 'install.command', `service:${run.serviceId}`, { runId: run.id, tokenId: run.tokenId, adamId: run.adamId, commandUuid: command.commandUuid, devices: items.length });
    onBatch();
  }
}

function summarize(items: readonly InstallItem[]): JobSummary {
  const count = (predicate: (i: InstallItem) => boolean) => items.filter(predicate).length;
  return {
    licenses: { assigned: count((i) => i.licenseState === 'assigned'), failed: count((i) => i.licenseState === 'failed') },
    commands: {
      queued: count((i) => i.commandState === 'queued'),
      notReached: count((i) => i.commandState === 'not-reached'),
      failed: count((i) => i.commandState === 'failed'),
      notNeeded: count((i) => i.commandState === 'not-needed'),
    },
  };
}
