import { appleWaitPhase, appleWaitRescheduled } from '../../apple/errors/apple-wait-error';
import { invitationUrl } from '../../apple/model/service-config';
import type { VppUser } from '../../apple/model/vpp-user';
import type { AuditLog } from '../../audit/audit-log';
import type { SignedInAdmin } from '../../auth/signed-in-admin';
import type { Clock } from '../../clock/clock';
import type { Timers } from '../../clock/timers';
import { waitUntil } from '../../clock/wait-until';
import type { GroupStore } from '../../directory/group-store';
import { DomainError } from '../../errors/domain-error';
import { sittingOutAppleWaits } from '../../jobs/apple-waits';
import type { JobProgress, JobSummary } from '../../jobs/job-registry';
import { renderInvitationEmail } from '../../mail/invitation-email';
import type { Mailer } from '../../mail/mailer';
import type { MdmAdapter } from '../../mdm/mdm-adapter';
import { inviteToProgram } from '../../mdm/mdm-commands';
import { notReachedReason } from '../../mdm/not-reached';
import type { TokenService } from '../token-service';
import { readAppleUsers, registerWithApple } from './apple-registration';
import type { InvitationStore, RunRecord, WorkItem } from './invitation-store';

/** Three at a time: the mail pool's connections; the rate limit still paces the sending. */
const PARALLEL_SENDS = 3;

export const MAYBE_SENT =
  'The app stopped while this invitation was being handed to the server, so it may have gone out. It was not sent again to avoid a duplicate; use Retry failed if the person did not get it.';
const CANCELLED = 'Not sent: the run was cancelled.';

export interface InvitationRunnerDeps {
  store: InvitationStore;
  tokens: Pick<TokenService, 'clientFor'>;
  mailer: Pick<Mailer, 'send'>;
  mdm: MdmAdapter;
  groups: GroupStore;
  audit: AuditLog;
  clock: Clock;
  /** Wait for Apple's Retry-After time. */
  timers: Timers;
}

interface Tally {
  created: number;
  registered: number;
  emailed: number;
  pushed: number;
  notReached: number;
  failed: number;
  done: number;
  total: number;
}

/**
 * Carries out one Invite Users run: registers people with Apple, reads their invite codes,
 * and sends each waiting invitation once.
 *
 * Every item is marked 'pending' before it is handed to the mail or MDM server and 'sent' or
 * 'failed' after, so a run resumed after a restart sends only what never started. When the
 * app is closing (`closing()`), the run stops without touching the database and stays
 * 'running', to resume at the next start. People with a Managed Apple Account are
 * registered with it (Apple associates them at once) and sent nothing. When Apple asks with
 * Retry-After to be left alone for longer than a call holds, the run waits for Apple's time
 * (kept on the run, so a restart waits too) and goes on then.
 */
export class InvitationRunner {
  constructor(private readonly deps: InvitationRunnerDeps) {}

  async execute(run: RunRecord, admin: SignedInAdmin, progress: JobProgress, closing: () => boolean): Promise<JobSummary> {
    const { store } = this.deps;
    store.failPending(run.id, MAYBE_SENT);
    const counts = store.counts(run.id);
    const tally: Tally = {
      created: run.createdCount,
      registered: counts.registered,
      emailed: counts.emailed,
      pushed: counts.pushed,
      notReached: counts.notReached,
      failed: counts.failed,
      done: 0,
      total: counts.total,
    };
    tally.done = tally.registered + tally.emailed + tally.pushed + tally.notReached + tally.failed;
    const report = (phase: string) => progress.report(phase, tally.done, tally.total);
    try {
      await this.waitForResume(run, progress);
      const work = () => {
        store.waitForApple(run.id, null, null);
        return this.work(run, admin, progress, tally, report);
      };
      await sittingOutAppleWaits(work, this.deps, progress.signal, (wait) => {
        store.waitForApple(run.id, wait.retryAt, appleWaitRescheduled(wait.waitMs, wait.retryAt));
        progress.say(appleWaitPhase(wait.retryAt));
      });
    } catch (error) {
      if (closing()) throw new DomainError('CONFLICT', 'The app closed during the invitations; they resume when it starts again.');
      const cancelled = progress.signal.aborted;
      const message = cancelled ? CANCELLED : error instanceof DomainError ? error.message : 'The invitations stopped because of an error inside the app.';
      store.failWaiting(run.id, cancelled ? CANCELLED : `Not sent: ${message}`);
      store.end(run.id, cancelled ? 'cancelled' : 'failed', message, this.deps.clock.now());
      this.auditEnd(run, admin, cancelled ? 'invitation.cancel' : 'invitation.fail');
      throw error;
    }
    store.end(run.id, 'finished', null, this.deps.clock.now());
    this.auditEnd(run, admin, 'invitation.complete');
    const end = store.counts(run.id);
    return {
      invitations: {
        created: store.run(run.id)!.createdCount,
        'registered directly': end.registered,
        emailed: end.emailed,
        pushed: end.pushed,
        notReached: end.notReached,
        failed: end.failed,
        skipped: end.skipped,
      },
    };
  }

  /** A run Apple put off before the app last stopped waits for what is left of Apple's time. */
  private async waitForResume(run: RunRecord, progress: JobProgress): Promise<void> {
    const resumeAt = this.deps.store.run(run.id)?.resumeAt;
    if (!resumeAt || new Date(resumeAt).getTime() <= this.deps.clock.now().getTime()) return;
    progress.say(appleWaitPhase(new Date(resumeAt)));
    await waitUntil(new Date(resumeAt), this.deps.clock, this.deps.timers, progress.signal);
  }

  private async work(run: RunRecord, admin: SignedInAdmin, progress: JobProgress, tally: Tally, report: (phase: string) => void): Promise<void> {
    const { store } = this.deps;
    const signal = progress.signal;
    const waiting = store.waiting(run.id);
    const queuedBefore = waiting.filter((w) => w.channel === 'device' && w.commandUuid !== null);
    if (queuedBefore.length > 0) {
      report('Waking devices again');
      await this.pushAgain(queuedBefore, tally);
      stopIfAborted(signal);
    }
    const work = waiting.filter((w) => !queuedBefore.includes(w));
    if (work.length === 0) return report(phase(tally));
    if (run.tokenId === null) throw new DomainError('CONFLICT', 'This run has no token to invite with.');
    const access = await this.deps.tokens.clientFor(admin, run.tokenId, run.groupId);

    report('Registering users with Apple');
    const people = uniqueUsers(work);
    const direct = new Map(work.filter((w) => w.channel === 'apple').map((w) => [w.userId, w.target]));
    const unknown = people
      .filter((p) => direct.has(p.userId) || p.appleStatus !== 'Registered')
      .map((p) => ({ clientUserId: p.clientUserId, email: p.email, managedAppleId: direct.get(p.userId) ?? null }));
    const registration = await registerWithApple(access.run, unknown, signal);
    stopIfAborted(signal);
    store.countCreated(run.id, registration.created);
    tally.created += registration.created;

    report('Reading invite codes');
    const reachable = people.filter((p) => !registration.failures.has(p.clientUserId));
    const appleUsers = await readAppleUsers(access.run, reachable.map((p) => p.clientUserId), signal);
    const config = await access.run((client) => client.getServiceConfig());
    stopIfAborted(signal);

    const links = new Map<number, string>();
    const organizationName = this.deps.groups.root()?.name ?? '';
    for (const person of people) {
      const refusal = registration.failures.get(person.clientUserId);
      const appleUser = appleUsers.get(person.clientUserId);
      const items = work.filter((w) => w.userId === person.userId && w.channel !== 'apple');
      const registrations = work.filter((w) => w.userId === person.userId && w.channel === 'apple');
      if (refusal !== undefined) {
        this.failAll([...registrations, ...items], refusal, tally);
        continue;
      }
      this.registeredDirectly(registrations, appleUser, tally);
      if (items.length === 0) continue;
      if (appleUser?.status === 'Associated') {
        for (const item of items) store.mark(item.id, 'skipped', 'Already associated with Apple');
        tally.total -= items.length;
      } else if (!appleUser?.inviteCode || appleUser.status !== 'Registered') {
        this.failAll(items, 'Apple has no invitation for this user (not registered, or retired). Sync the service and try again.', tally);
      } else {
        links.set(person.userId, invitationUrl(config, appleUser.inviteCode));
      }
    }
    report(phase(tally));

    const byUser = [...links.keys()];
    const next = async () => {
      for (let userId = byUser.shift(); userId !== undefined; userId = byUser.shift()) {
        stopIfAborted(signal);
        const items = work.filter((w) => w.userId === userId);
        const link = links.get(userId)!;
        for (const item of items.filter((i) => i.channel === 'email')) await this.sendEmail(item, link, organizationName, tally);
        const devices = items.filter((i) => i.channel === 'device');
        if (devices.length > 0) await this.pushToDevices(devices, link, tally);
        report(phase(tally));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_SENDS }, next));
    stopIfAborted(signal);
  }

  private async sendEmail(item: WorkItem, link: string, organizationName: string, tally: Tally): Promise<void> {
    const { store, clock } = this.deps;
    const email = renderInvitationEmail({ organizationName, groupName: item.homeGroupName, personName: item.name, invitationUrl: link });
    store.mark(item.id, 'pending');
    try {
      const result = await this.deps.mailer.send({ to: item.target, fromName: organizationName, ...email });
      const rejected = result.rejected.find((r) => r.address.toLowerCase() === item.target.toLowerCase()) ?? result.rejected[0];
      if (rejected) {
        store.mark(item.id, 'failed', rejected.reason);
        tally.failed++;
      } else {
        store.mark(item.id, 'sent', null, null, clock.now());
        tally.emailed++;
      }
    } catch (error) {
      store.mark(item.id, 'failed', error instanceof DomainError ? error.message : 'The email could not be sent.');
      tally.failed++;
    }
    tally.done++;
  }

  private async pushToDevices(items: WorkItem[], link: string, tally: Tally): Promise<void> {
    const { store, clock } = this.deps;
    for (const item of items) store.mark(item.id, 'pending');
    try {
      const answer = await this.deps.mdm.enqueue(
        items.map((i) => i.target),
        inviteToProgram(link),
      );
      for (const item of items) {
        const result = answer.results.find((r) => r.enrollmentId === item.target);
        if (result?.status === 'queued' && result.pushError !== null) {
          store.mark(item.id, 'not-reached', notReachedReason(result.pushError), result.commandUuid);
          tally.notReached++;
        } else if (result?.status === 'queued') {
          store.mark(item.id, 'sent', null, result.commandUuid, clock.now());
          tally.pushed++;
        } else {
          store.mark(item.id, 'failed', result?.reason ?? 'The MDM server did not answer for this device.', result?.commandUuid ?? null);
          tally.failed++;
        }
        tally.done++;
      }
    } catch (error) {
      const reason = error instanceof DomainError ? error.message : 'The MDM server could not be reached.';
      for (const item of items) store.mark(item.id, 'failed', reason);
      tally.failed += items.length;
      tally.done += items.length;
    }
  }

  /** Device invitations an earlier run queued but did not reach: the push again, not a second command. */
  private async pushAgain(items: WorkItem[], tally: Tally): Promise<void> {
    const { store, clock } = this.deps;
    for (const item of items) store.mark(item.id, 'pending', null, item.commandUuid);
    let results: { enrollmentId: string; pushError: string | null }[];
    try {
      results = (await this.deps.mdm.push(items.map((i) => i.target))).results;
    } catch (error) {
      const reason = error instanceof DomainError ? error.message : 'The MDM server could not be reached.';
      results = items.map((i) => ({ enrollmentId: i.target, pushError: reason }));
    }
    for (const item of items) {
      const result = results.find((r) => r.enrollmentId === item.target);
      const pushError = result ? result.pushError : 'The MDM server did not answer for this device.';
      if (pushError === null) {
        store.mark(item.id, 'sent', null, item.commandUuid, clock.now());
        tally.pushed++;
      } else {
        store.mark(item.id, 'not-reached', notReachedReason(pushError), item.commandUuid);
        tally.notReached++;
      }
      tally.done++;
    }
  }

  /** A Managed Apple Account is done once Apple has associated it; nothing is sent to the person. */
  private registeredDirectly(items: WorkItem[], appleUser: VppUser | undefined, tally: Tally): void {
    if (items.length === 0) return;
    if (appleUser?.status !== 'Associated') {
      this.failAll(items, 'Apple did not associate this Managed Apple Account. Check the Managed Apple ID in Apple School Manager, then try again.', tally);
      return;
    }
    for (const item of items) this.deps.store.mark(item.id, 'sent', null, null, this.deps.clock.now());
    tally.registered += items.length;
    tally.done += items.length;
  }

  private failAll(items: WorkItem[], reason: string, tally: Tally): void {
    for (const item of items) this.deps.store.mark(item.id, 'failed', reason);
    tally.failed += items.length;
    tally.done += items.length;
  }

  private auditEnd(run: RunRecord, admin: SignedInAdmin, action: string): void {
    const counts = this.deps.store.counts(run.id);
    this.deps.audit.record(admin.id, action, `invitation-run:${run.id}`, {
      serviceId: run.serviceId,
      groupId: run.groupId,
      automatic: run.automatic,
      created: this.deps.store.run(run.id)!.createdCount,
      registered: counts.registered,
      emailed: counts.emailed,
      pushed: counts.pushed,
      notReached: counts.notReached,
      failed: counts.failed,
      skipped: counts.skipped,
    });
  }
}

function phase(tally: Tally): string {
  return `Created ${tally.created} · Registered directly ${tally.registered} · Emailed ${tally.emailed} · Pushed ${tally.pushed} · Not reached ${tally.notReached} · Failed ${tally.failed}`;
}

function uniqueUsers(work: readonly WorkItem[]): WorkItem[] {
  const seen = new Map<number, WorkItem>();
  for (const item of work) if (!seen.has(item.userId)) seen.set(item.userId, item);
  return [...seen.values()];
}

function stopIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new DomainError('CONFLICT', CANCELLED);
}
