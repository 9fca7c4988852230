import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { InstallPreview, InstallRequest, InstallResults, InstallRunView, InstallStarted } from '../../../preload/schemas/install-schemas';
import type { AuditLog } from '../../audit/audit-log';
import type { SignedInAdmin } from '../../auth/signed-in-admin';
import { appleWaitPhase } from '../../apple/errors/apple-wait-error';
import type { Clock } from '../../clock/clock';
import type { Timers } from '../../clock/timers';
import { waitUntil } from '../../clock/wait-until';
import type { ScopeReader } from '../../directory/admin-scope';
import { DomainError } from '../../errors/domain-error';
import { notFoundOrOutOfScope } from '../../errors/out-of-scope';
import { sittingOutAppleWaits } from '../../jobs/apple-waits';
import type { JobProgress, JobRegistry } from '../../jobs/job-registry';
import type { MdmDelivery } from '../../mdm/mdm-adapter';
import { previewReadiness, requireReady } from '../../errors/server-readiness';
import type { AutomaticInvitations } from '../invitations/automatic-invitations';
import { runAlreadyGoing } from '../run-already-going';
import type { TokenService } from '../token-service';
import { decideEligibility, isRefusal, reasonMessage, type Eligibility } from './eligibility';
import { carryOutRun } from './install-runner';
import type { InstallRun, InstallStore, NewItem, OverlappingRun } from './install-store';

type Request = z.output<typeof InstallRequest>;

const INSTALL_REFUSED = 'Nothing was asked of Apple and no license was assigned. Fix the MDM server in Settings, or choose “Assign licenses only”.';
const RETRY_REFUSED = 'Nothing was retried. Fix the MDM server in Settings, then retry.';
const ALREADY_INSTALLING = 'This app is already being installed on some of these devices';
const OPEN_IT = 'Open that install to follow it, or to resume it if it was interrupted';

/**
 * Install apps: the eligibility preview, the install run as a job, its results, and carrying
 * an interrupted or partly failed run on.
 *
 * Every path goes through TokenService.clientFor, so the token access rule and "only the
 * active token" hold for each call, not only in the dialog.
 *
 * One run at a time installs an app on a device: a start or retry that would reach a device
 * that a run not ended (running, or interrupted and waiting to be resumed) installs the same
 * app on is refused with that run's id, whatever the service, pricing, licence kind or
 * target. A device is the same device record or enrollment id. The check is made where the
 * run is written, in the database's write lock, so it holds for two starts at once.
 */
export class InstallService {
  /** The job carrying each run this process carries. */
  private readonly jobsByRun = new Map<string, string>();
  /**
   * Runs this process carries or is about to: taken before the first await of a retry, so
   * two retries at once never carry one run twice.
   */
  private readonly held = new Set<string>();

  constructor(
    private readonly store: InstallStore,
    private readonly tokens: TokenService,
    private readonly scopes: ScopeReader,
    private readonly jobs: JobRegistry,
    private readonly mdm: MdmDelivery,
    private readonly invitations: Pick<AutomaticInvitations, 'userAssignedInstall'>,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly timers: Timers,
  ) {}

  /**
   * What the install would do, device by device. When it would send install commands, the MDM
   * server is tested now (as Settings' Test connection does) and its state heads the preview.
   */
  async preview(admin: SignedInAdmin, request: Request): Promise<z.output<typeof InstallPreview>> {
    const { eligibility, available, otherMdm } = await this.decide(admin, request);
    const mdm = await previewReadiness(this.mdm, eligibility.verdicts.some((v) => v.command));
    const items = eligibility.verdicts.map(({ candidate, reasons, licensed, command }) => ({
      deviceId: candidate.deviceId,
      serialNumber: candidate.serialNumber,
      deviceName: candidate.deviceName,
      userName: candidate.user?.name ?? null,
      platform: candidate.platform,
      osVersion: candidate.osVersion,
      outcome: !licensed ? ('refused' as const) : command ? ('install' as const) : ('license-only' as const),
      reasons: reasons.map((code) => ({ code, message: reasonMessage(code), refusal: isRefusal(code) })),
    }));
    return {
      mdm,
      otherMdm,
      counts: {
        devices: items.length,
        installs: items.filter((i) => i.outcome === 'install').length,
        licenseOnly: items.filter((i) => i.outcome === 'license-only').length,
        refused: items.filter((i) => i.outcome === 'refused').length,
        licensesNeeded: eligibility.licensesNeeded,
        available,
        short: eligibility.short,
      },
      notAssociatedUserIds: [
        ...new Set(eligibility.verdicts.filter((v) => v.reasons.includes('user-not-associated')).map((v) => v.candidate.user!.id)),
      ],
      items,
    };
  }

  /**
   * Records the run and its items, then carries it out as a job; the refused devices are left out.
   *
   * A user-based install of an app that invites by itself (Apple Books) also sends the
   * invitation to the targeted users who have not joined yet, so a later install reaches them.
   *
   * When install commands are due and the MDM server is not set up or fails its test, nothing
   * is asked of Apple: licenses without their install would be spent for nothing. Assigning
   * licenses only is the admin's explicit choice (`licensesOnly`), never the silent outcome.
   */
  async start(admin: SignedInAdmin, request: Request): Promise<z.output<typeof InstallStarted>> {
    const { eligibility, serviceId } = await this.decide(admin, request);
    if (eligibility.verdicts.some((v) => v.command)) await requireReady(this.mdm, INSTALL_REFUSED);
    const userIds = [...new Set(eligibility.verdicts.flatMap((v) => (v.candidate.user ? [v.candidate.user.id] : [])))];
    const invite = () => (request.kind === 'user' ? this.invitations.userAssignedInstall(admin, { serviceId, groupId: request.groupId, adamId: request.adamId, userIds }) : 0);
    const items: NewItem[] = eligibility.verdicts
      .filter((v) => v.licensed)
      .map(({ candidate, reasons, command }) => ({
        deviceId: candidate.deviceId,
        userId: candidate.user?.id ?? null,
        serialNumber: request.kind === 'device' ? candidate.serialNumber : null,
        clientUserId: request.kind === 'user' ? candidate.user!.clientUserId : null,
        udid: candidate.udid,
        platform: candidate.platform,
        osVersion: candidate.osVersion,
        supervised: candidate.supervised,
        licenseState: reasons.includes('already-assigned') ? 'assigned' : 'pending',
        commandState: command ? 'pending' : 'not-needed',
      }));
    if (items.length === 0) {
      const invited = invite();
      const sent = invited > 0 ? ` ${invited} ${invited === 1 ? 'invitation was' : 'invitations were'} sent; install again once they have joined.` : '';
      throw new DomainError('CONFLICT', `None of these devices can get the app; see the reasons in the preview.${sent}`);
    }
    const run = {
      id: randomUUID(),
      serviceId,
      tokenId: request.tokenId,
      groupId: request.groupId,
      adminId: admin.id,
      adamId: request.adamId,
      pricing: request.pricing,
      kind: request.kind,
      licensesOnly: request.licensesOnly,
      createdAt: this.clock.now().toISOString(),
    };
    // Recorded before anything leaves the app: a refused second start has sent nothing.
    const overlapping = this.store.createRun(run, items);
    if (overlapping) throw this.alreadyGoing(admin, overlapping);
    const invited = invite();
    this.audit.record(admin.id, 'install.start', `service:${serviceId}`, {
      runId: run.id,
      tokenId: run.tokenId,
      adamId: run.adamId,
      kind: run.kind,
      licensesOnly: run.licensesOnly,
      devices: items.length,
      invited,
    });
    this.held.add(run.id);
    return { runId: run.id, job: await this.carry(admin, this.store.run(run.id)!), invited };
  }

  /**
   * Failed items are tried again, devices queued but not reached are woken again, and an
   * interrupted run (the app stopped) goes on where it was; refused, as start is, while the
   * MDM server it would need is not usable.
   */
  async retryFailed(admin: SignedInAdmin, runId: string): Promise<z.output<typeof InstallStarted>> {
    const run = this.requireRun(admin, runId);
    if (this.held.has(runId)) throw new DomainError('CONFLICT', 'This install is still running.');
    this.held.add(runId);
    try {
      if (this.store.needsMdm(runId)) await requireReady(this.mdm, RETRY_REFUSED);
      const overlapping = this.store.reopen(runId, this.clock.now());
      if (overlapping) throw this.alreadyGoing(admin, overlapping);
      this.audit.record(admin.id, 'install.retry', `service:${run.serviceId}`, { runId });
      return { runId, job: await this.carry(admin, { ...run, state: 'running' }), invited: 0 };
    } catch (error) {
      this.held.delete(runId);
      throw error;
    }
  }

  results(admin: SignedInAdmin, runId: string): z.output<typeof InstallResults> {
    const run = this.requireRun(admin, runId);
    const view = this.runs(admin, run.groupId, [run.serviceId]).find((r) => r.runId === runId)!;
    const rows = this.store.resultRows(runId).map((row) => ({ ...row, license: row.licenseState, command: row.commandState }));
    return { run: view, rows };
  }

  /** The newest runs of these services made at this level or below it (a run above it reached other groups' devices), for the report. */
  runs(admin: SignedInAdmin, groupId: number, serviceIds: readonly number[]): z.output<typeof InstallRunView>[] {
    const scope = this.scopes.of(admin.id);
    scope.requireGroup(groupId);
    return this.store.recentRuns(serviceIds, scope.tree.subtreeOf(groupId), 20).map((run) => {
      const counts = JSON.parse(run.counts) as Record<string, number>;
      const sum = (test: (license: string, command: string) => boolean) =>
        Object.entries(counts).reduce((total, [key, n]) => {
          const [license = '', command = ''] = key.split('/');
          return test(license, command) ? total + n : total;
        }, 0);
      const jobId = this.jobsByRun.get(run.id) ?? null;
      return {
        runId: run.id,
        serviceId: run.serviceId,
        adamId: run.adamId,
        appName: run.appName,
        kind: run.kind,
        state: run.state === 'running' && !this.held.has(run.id) ? ('interrupted' as const) : run.state,
        adminName: run.adminName,
        createdAt: run.createdAt,
        assigned: sum((license) => license === 'assigned'),
        failed: sum((license, command) => license === 'failed' || command === 'failed'),
        commandsQueued: sum((_license, command) => command === 'queued'),
        commandsNotReached: sum((_license, command) => command === 'not-reached'),
        licensesOnly: run.licensesOnly,
        jobId,
      };
    });
  }

  private async decide(
    admin: SignedInAdmin,
    request: Request,
  ): Promise<{ eligibility: Eligibility; serviceId: number; available: number | null; otherMdm: string | null }> {
    const { token, service } = await this.tokens.clientFor(admin, request.tokenId, request.groupId);
    const app = this.store.appFacts(token.serviceId, request.adamId, request.pricing);
    if (!app) throw new DomainError('NOT_FOUND', 'This app is not among the licenses of the chosen token. Sync the service, then try again.');
    const candidates =
      request.target === 'group'
        ? this.store.devicesAtOrBelow(token.serviceId, request.groupId)
        : this.store.chosen(token.serviceId, request.groupId, request.target === 'devices' ? request.deviceIds : [], request.target === 'users' ? request.userIds : []);
    return {
      eligibility: decideEligibility(candidates, app, request.kind, { licensesOnly: request.licensesOnly }),
      serviceId: token.serviceId,
      available: app.available,
      otherMdm: service.otherMdmName,
    };
  }

  private requireRun(admin: SignedInAdmin, runId: string): InstallRun {
    const run = this.store.run(runId);
    if (!run || !this.scopes.of(admin.id).canManage(run.groupId)) throw notFoundOrOutOfScope('install');
    return run;
  }

  /** A run Apple put off earlier (also before a restart) waits for what is left of Apple's time. */
  private async waitForResume(runId: string, progress: JobProgress): Promise<void> {
    const resumeAt = this.store.run(runId)?.resumeAt;
    if (!resumeAt || new Date(resumeAt).getTime() <= this.clock.now().getTime()) return;
    progress.say(appleWaitPhase(new Date(resumeAt)));
    await waitUntil(new Date(resumeAt), this.clock, this.timers, progress.signal);
  }

  private alreadyGoing(admin: SignedInAdmin, going: OverlappingRun): DomainError {
    return runAlreadyGoing(ALREADY_INSTALLING, going, this.scopes.of(admin.id).canManage(going.groupId), OPEN_IT);
  }

  /** Starts the job of a run this process holds (see `held`); the hold ends with the job. */
  private async carry(admin: SignedInAdmin, run: InstallRun) {
    const { run: apple } = await this.tokens.clientFor(admin, run.tokenId, run.groupId).catch((error: unknown) => {
      this.held.delete(run.id);
      throw error;
    });
    const job = this.jobs.start('install', `Install ${run.adamId}`, { groupId: run.groupId }, async (progress) => {
      try {
        await this.waitForResume(run.id, progress);
        const deps = { store: this.store, mdm: this.mdm, audit: this.audit, clock: this.clock };
        const attempt = () => {
          this.store.setResumeAt(run.id, null);
          return carryOutRun(run, apple, deps, progress);
        };
        const summary = await sittingOutAppleWaits(attempt, { clock: this.clock, timers: this.timers }, progress.signal, (wait) => {
          this.store.setResumeAt(run.id, wait.retryAt);
          progress.say(appleWaitPhase(wait.retryAt));
        });
        this.store.setRunState(run.id, 'finished', this.clock.now());
        return summary;
      } catch (error) {
        // A run that failed otherwise stays 'running' and shows as interrupted, ready to go on.
        if (progress.signal.aborted) this.store.setRunState(run.id, 'cancelled', this.clock.now());
        throw error;
      } finally {
        this.jobsByRun.delete(run.id);
        this.held.delete(run.id);
      }
    });
    this.jobsByRun.set(run.id, job.id);
    return job;
  }
}
