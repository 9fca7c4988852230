import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../audit/audit-log';
import type { SignedInAdmin } from '../../auth/signed-in-admin';
import type { Clock } from '../../clock/clock';
import type { ScopeReader } from '../../directory/admin-scope';
import type { AdminStore } from '../../directory/admin-store';
import { DomainError } from '../../errors/domain-error';
import { notFoundOrOutOfScope } from '../../errors/out-of-scope';
import type { Job, JobRegistry } from '../../jobs/job-registry';
import { previewReadiness, requireReady, type ReadinessCheck, type ServerReadinessView } from '../../errors/server-readiness';
import { runAlreadyGoing } from '../run-already-going';
import type { TokenService } from '../token-service';
import type { TokenStore } from '../token-store';
import { skipReasons, type InvitationOptions } from './invitation-eligibility';
import { decideAll, summarize, type InvitationPreview } from './invitation-preview';
import type { InvitationRunner } from './invitation-runner';
import type { InvitationStore, NewItem, OverlappingRun, ResultRow, RunCounts, RunRecord } from './invitation-store';

export interface InvitationTarget {
  serviceId: number;
  groupId: number;
}

export interface RunView {
  runId: string;
  jobId: string | null;
  state: RunRecord['state'];
  message: string | null;
  automatic: boolean;
  counts: { created: number } & RunCounts;
  rows: ResultRow[];
}

const START_REFUSED = 'No invitation was sent and nobody was registered with Apple. Fix the MDM server in Settings, or send the invitations by email only.';
const RETRY_REFUSED = 'Nothing was retried. Fix the MDM server in Settings, then retry.';
const START_REFUSED_MAIL = 'No invitation was sent and nobody was registered with Apple. Fix email in Settings, or send the invitations to devices only.';
const RETRY_REFUSED_MAIL = 'Nothing was retried. Fix email in Settings, then retry.';
const ALREADY_INVITED = 'Some of these people are already being invited through this service';
const OPEN_IT = 'Open that run to follow it';

/**
 * Invite Users: the preview, runs as jobs, their results, "Retry failed", and resuming runs
 * a restart cut short.
 *
 * Runs resume automatically at startup (not through a Resume button): the items still
 * 'waiting' are sent, items caught 'pending' are reported as possibly sent and never sent
 * again. The resumed job belongs to the admin who started the run, and the token access
 * rule is checked again for that admin.
 *
 * One run at a time reaches a person through a service: a run that would invite anyone a
 * run of the service not yet ended invites (whatever its level, audience or channels, a
 * retry included) is refused with that run's id. The check is made where the run is
 * recorded, in the database's write lock, so it holds for two starts at once.
 */
export class InvitationService {
  private readonly jobIds = new Map<string, string>();
  private closing = false;

  constructor(
    private readonly store: InvitationStore,
    private readonly runner: InvitationRunner,
    private readonly tokenService: Pick<TokenService, 'clientFor' | 'visibleService'>,
    private readonly tokens: TokenStore,
    private readonly admins: AdminStore,
    private readonly scopes: ScopeReader,
    private readonly jobs: JobRegistry,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly mdm: ReadinessCheck,
    private readonly mail: ReadinessCheck,
  ) {}

  /**
   * Who would be reached and how; the servers the chosen channels need (the MDM server for
   * device invitations, the mail server for emails) are tested now and their state shown.
   */
  async preview(
    admin: SignedInAdmin,
    target: InvitationTarget,
    options: InvitationOptions,
  ): Promise<InvitationPreview & { mdm: ServerReadinessView; mail: ServerReadinessView }> {
    await this.access(admin, target);
    const preview = summarize(decideAll(this.store.candidates(target.groupId, target.serviceId), options));
    const [mdm, mail] = await Promise.all([previewReadiness(this.mdm, preview.devices > 0), previewReadiness(this.mail, preview.byEmail > 0)]);
    return { ...preview, mdm, mail };
  }

  /**
   * Records the run and starts it. With device invitations or emails due and the server they
   * need not usable, nothing starts (no one is registered with Apple): the admin fixes it in
   * Settings or leaves that channel out.
   */
  async start(admin: SignedInAdmin, target: InvitationTarget, options: InvitationOptions): Promise<{ runId: string; job: Job }> {
    const tokenId = await this.access(admin, target);
    const items: NewItem[] = [];
    for (const { candidate, decision } of decideAll(this.store.candidates(target.groupId, target.serviceId), options)) {
      if (decision.kind === 'skip') {
        items.push({ userId: candidate.userId, channel: 'none', target: '', state: 'skipped', reason: skipReasons[decision.reason] });
        continue;
      }
      if (decision.kind === 'register') {
        items.push({ userId: candidate.userId, channel: 'apple', target: decision.managedAppleId, state: 'waiting', reason: null });
        continue;
      }
      if (decision.email !== null) items.push({ userId: candidate.userId, channel: 'email', target: decision.email, state: 'waiting', reason: null });
      for (const udid of decision.deviceUdids) items.push({ userId: candidate.userId, channel: 'device', target: udid, state: 'waiting', reason: null });
    }
    if (!items.some((i) => i.state === 'waiting')) {
      throw new DomainError('CONFLICT', 'Nobody here can be invited with these options. The preview says why each person is left out.');
    }
    if (items.some((i) => i.channel === 'device')) await requireReady(this.mdm, START_REFUSED);
    if (items.some((i) => i.channel === 'email')) await requireReady(this.mail, START_REFUSED_MAIL);
    return this.started(admin, this.begin(admin, { ...target, tokenId, ...options, automatic: false, retryOf: null }, items));
  }

  /** A new run over the failed items of an earlier one, with the same options. */
  async retryFailed(admin: SignedInAdmin, runId: string): Promise<{ runId: string; job: Job }> {
    const earlier = this.requireRun(admin, runId);
    if (earlier.state === 'running') throw new DomainError('CONFLICT', 'This run is still going. Retry its failures once it ends.');
    const tokenId = await this.access(admin, earlier);
    const failed = this.store.failed(runId).filter((f) => f.channel !== 'none');
    if (failed.length === 0) throw new DomainError('CONFLICT', 'No invitation of this run failed or went unreached, so there is nothing to retry.');
    if (failed.some((f) => f.channel === 'device')) await requireReady(this.mdm, RETRY_REFUSED);
    if (failed.some((f) => f.channel === 'email')) await requireReady(this.mail, RETRY_REFUSED_MAIL);
    const items: NewItem[] = failed.map((f) => ({ ...f, state: 'waiting', reason: null }));
    return this.started(admin, this.begin(admin, { ...earlier, tokenId, retryOf: runId }, items));
  }

  results(admin: SignedInAdmin, runId: string): RunView {
    const run = this.requireRun(admin, runId);
    return this.view(run);
  }

  /** Starts a run on behalf of the app (automatic invitations); the admin is who caused it. */
  async startAutomatic(admin: SignedInAdmin, target: InvitationTarget, userId: number, email: string): Promise<string> {
    const tokenId = await this.access(admin, target);
    const items: NewItem[] = [{ userId, channel: 'email', target: email, state: 'waiting', reason: null }];
    // A run already inviting this person covers the courtesy email too.
    const started = this.begin(admin, { ...target, tokenId, audience: 'all', byEmail: true, byDevice: false, automatic: true, retryOf: null }, items);
    return 'overlapping' in started ? started.overlapping.id : started.runId;
  }

  /** Picks up runs a restart cut short; called once at startup. */
  resumeInterrupted(): void {
    for (const run of this.store.running()) {
      const record = run.adminId === null ? null : this.admins.byId(run.adminId);
      if (!record || record.disabled) {
        this.store.failPending(run.id, 'Not sent: the admin who started these invitations can no longer sign in.');
        this.store.failWaiting(run.id, 'Not sent: the admin who started these invitations can no longer sign in.');
        this.store.end(run.id, 'failed', 'The admin who started these invitations can no longer sign in.', this.clock.now());
        continue;
      }
      this.audit.record(record.id, 'invitation.resume', `invitation-run:${run.id}`, { serviceId: run.serviceId });
      this.launch(run, { id: record.id, name: record.name, email: record.email });
    }
  }

  /** Stops running jobs without ending their runs, so they resume at the next start. */
  close(): void {
    this.closing = true;
    for (const jobId of this.jobIds.values()) this.jobs.abort(jobId);
  }

  /** The new run, or the refusal naming the run already going. */
  private started(admin: SignedInAdmin, begun: ReturnType<InvitationService['begin']>): { runId: string; job: Job } {
    if (!('overlapping' in begun)) return begun;
    const going = begun.overlapping;
    throw runAlreadyGoing(ALREADY_INVITED, going, this.scopes.of(admin.id).canManage(going.groupId), OPEN_IT);
  }

  private begin(
    admin: SignedInAdmin,
    spec: InvitationTarget & InvitationOptions & { tokenId: number; automatic: boolean; retryOf: string | null },
    items: NewItem[],
  ): { runId: string; job: Job } | { overlapping: OverlappingRun } {
    const id = randomUUID();
    const overlapping = this.store.createRun(
      {
        id,
        serviceId: spec.serviceId,
        tokenId: spec.tokenId,
        groupId: spec.groupId,
        adminId: admin.id,
        audience: spec.audience,
        byEmail: spec.byEmail,
        byDevice: spec.byDevice,
        automatic: spec.automatic,
        retryOf: spec.retryOf,
      },
      items,
      this.clock.now(),
    );
    if (overlapping) return { overlapping };
    this.audit.record(admin.id, spec.retryOf ? 'invitation.retry' : spec.automatic ? 'invitation.automatic' : 'invitation.start', `invitation-run:${id}`, {
      serviceId: spec.serviceId,
      groupId: spec.groupId,
      audience: spec.audience,
      byEmail: spec.byEmail,
      byDevice: spec.byDevice,
      invitations: items.filter((i) => i.state === 'waiting').length,
      skipped: items.filter((i) => i.state === 'skipped').length,
      retryOf: spec.retryOf,
    });
    const job = this.launch(this.store.run(id)!, admin);
    return { runId: id, job };
  }

  private launch(run: RunRecord, admin: SignedInAdmin): Job {
    const label = run.automatic ? 'Automatic invitation' : 'Invite Users';
    const job = this.jobs.start('invitations', label, { groupId: run.groupId }, (progress) =>
      this.runner.execute(run, admin, progress, () => this.closing).finally(() => this.jobIds.delete(run.id)),
    );
    this.jobIds.set(run.id, job.id);
    return job;
  }

  private view(run: RunRecord): RunView {
    const counts = this.store.counts(run.id);
    return {
      runId: run.id,
      jobId: this.jobIds.get(run.id) ?? null,
      state: run.state,
      message: run.message,
      automatic: run.automatic,
      counts: { created: run.createdCount, ...counts },
      rows: this.store.results(run.id),
    };
  }

  private requireRun(admin: SignedInAdmin, runId: string): RunRecord {
    const run = this.store.run(runId);
    if (!run || !this.scopes.of(admin.id).canManage(run.groupId)) throw notFoundOrOutOfScope('invitations');
    return run;
  }

  /** The service's active token, if this admin may use it at this level; the rule lives in clientFor. */
  private async access(admin: SignedInAdmin, target: InvitationTarget): Promise<number> {
    this.scopes.of(admin.id).requireGroup(target.groupId);
    this.tokenService.visibleService(admin, target.serviceId);
    const active = this.tokens.ofServices([target.serviceId]).find((t) => t.active);
    if (!active) throw new DomainError('CONFLICT', 'This service has no active token. Add one, or make one active, on the Managed Distribution page.');
    await this.tokenService.clientFor(admin, active.id, target.groupId);
    return active.id;
  }
}
