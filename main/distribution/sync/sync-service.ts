import type { z } from 'zod';
import type { SyncStatus } from '../../../preload/schemas/report-schemas';
import type { AuditLog } from '../../audit/audit-log';
import type { SignedInAdmin } from '../../auth/signed-in-admin';
import { appleWaitPhase } from '../../apple/errors/apple-wait-error';
import type { Clock } from '../../clock/clock';
import { nextTurn } from '../../clock/next-turn';
import type { Timers } from '../../clock/timers';
import type { ScopeReader } from '../../directory/admin-scope';
import { DomainError } from '../../errors/domain-error';
import type { EventBus } from '../../events/event-bus';
import type { Job, JobRegistry, JobSummary } from '../../jobs/job-registry';
import type { ServiceStore } from '../service-store';
import type { SyncAccess, TokenService } from '../token-service';
import { isUsable } from '../token-status';
import type { TokenStore } from '../token-store';
import type { GenerationCleanup } from './generation-cleanup';
import type { GenerationLeases } from './generation-leases';
import { describeSyncFailure } from './sync-failure';
import { SyncProgress } from './sync-progress';
import type { SyncOutcome, SyncRunner } from './sync-runner';
import type { SyncStateStore } from './sync-state-store';

export type SyncStatusView = z.output<typeof SyncStatus>;

interface RunningSync {
  jobId: string;
  /** Settles when the job has ended and what it left behind is deleted. */
  ended: Promise<void>;
}

export interface SyncServiceDeps {
  services: ServiceStore;
  tokens: TokenStore;
  tokenService: TokenService;
  scopes: ScopeReader;
  jobs: JobRegistry;
  runner: SyncRunner;
  syncState: SyncStateStore;
  leases: GenerationLeases;
  cleanup: GenerationCleanup;
  audit: AuditLog;
  bus: EventBus;
  clock: Clock;
  /** Start the syncs Apple's Retry-After put off. */
  timers: Timers;
  logError: (message: string, error: unknown) => void;
}

/** Syncs of one service put off in a row by Apple's Retry-After before it is left to the admin. */
export const MAX_SYNC_WAITS = 3;

/**
 * Syncs of services into the offline cache, as jobs: one at a time per service, started by
 * an admin ("Sync now") or by the automatic sync, with their state for the report.
 *
 * Every ending is written down: a success publishes the new cache, a failure (cancel,
 * Apple, revoked token, a bug) records when and why in sync_state and leaves the previous
 * cache as it was. Windows hear of both through `sync.changed`.
 */
export class SyncService {
  private readonly running = new Map<number, RunningSync>();
  /** Retries Apple's Retry-After scheduled, and how many in a row each service has had. */
  private readonly retries = new Map<number, { timer: unknown; waits: number }>();
  private closed = false;

  constructor(private readonly deps: SyncServiceDeps) {}

  /** "Sync now": the admin must manage the service's group, and the service needs a usable active token. */
  start(admin: SignedInAdmin, serviceId: number): Job {
    const access = this.deps.tokenService.syncAccess(admin, serviceId);
    this.refuseSecondSync(access);
    const retryAt = this.waitingUntil(serviceId);
    if (retryAt) throw new DomainError('APPLE_UNAVAILABLE', `${appleWaitPhase(retryAt)}; the sync starts on its own then.`);
    this.deps.audit.record(admin.id, 'sync.start', `service:${serviceId}`, { name: access.service.name });
    return this.launch(access, admin.id).job;
  }

  /** Syncs, one after another, every service with a usable active token; skips those syncing already. */
  async syncAllAutomatically(): Promise<void> {
    for (const serviceId of this.automaticallySyncable()) {
      if (this.closed) return;
      if (this.waitingUntil(serviceId)) continue;
      await this.startAutomatic(serviceId)?.ended;
    }
  }

  /** Schedules the syncs Apple's Retry-After put off before the app last stopped; called once at start. */
  resumeWaits(): void {
    for (const { serviceId, retryAt } of this.deps.syncState.waiting()) this.retryAt(serviceId, new Date(retryAt), 0);
  }

  /** The services of the report at this level (the branch above it and everything below), with their sync state. */
  status(admin: SignedInAdmin, groupId: number): SyncStatusView[] {
    const scope = this.deps.scopes.of(admin.id);
    scope.requireGroup(groupId);
    const groups = new Set([...scope.tree.ancestorsOf(groupId), ...scope.tree.subtreeOf(groupId)]);
    const services = this.deps.services.inGroups([...groups]);
    const states = new Map(this.deps.syncState.ofServices(services.map((s) => s.id)).map((s) => [s.serviceId, s]));
    return services.map((service) => {
      const state = states.get(service.id);
      const running = this.running.get(service.id);
      return {
        serviceId: service.id,
        serviceName: service.name,
        groupName: service.groupName,
        locationName: service.locationName,
        syncedAt: state?.syncedAt ?? null,
        attemptedAt: state?.attemptedAt ?? null,
        error: state?.error ?? null,
        errorCode: state?.errorCode ?? null,
        retryAt: this.waitingUntil(service.id)?.toISOString() ?? null,
        otherMdm: service.otherMdmName,
        canSync: scope.canManage(service.groupId),
        job: running ? this.deps.jobs.snapshot(running.jobId) : null,
      };
    });
  }

  /** Deletes what cancelled, failed or killed syncs left in the cache; the app calls it at start. */
  cleanUpAbandonedGenerations(): Promise<number> {
    return this.deps.cleanup.all();
  }

  /** Cancels running syncs and stops cleanups; the database is about to close. */
  close(): void {
    this.closed = true;
    for (const { timer } of this.retries.values()) this.deps.timers.clear(timer);
    this.retries.clear();
    this.deps.cleanup.stop();
    for (const sync of this.running.values()) this.deps.jobs.abort(sync.jobId);
  }

  private startAutomatic(serviceId: number): RunningSync | null {
    if (this.running.has(serviceId)) return null;
    let access: SyncAccess;
    try {
      access = this.deps.tokenService.syncAccess(null, serviceId);
    } catch (error) {
      // The token changed since the list was read (revoked, replaced): nothing to sync with.
      if (error instanceof DomainError) return null;
      throw error;
    }
    return this.launch(access, null).running;
  }

  private refuseSecondSync(access: SyncAccess): void {
    const running = this.running.get(access.service.id);
    if (!running) return;
    throw new DomainError('CONFLICT', `"${access.service.name}" is being synced already. Wait for that sync to end, or cancel it.`);
  }

  private launch(access: SyncAccess, adminId: number | null): { job: Job; running: RunningSync } {
    const serviceId = access.service.id;
    const attemptedAt = this.deps.clock.now();
    const leased: number[] = [];
    let ended!: () => void;
    const entry: RunningSync = { jobId: '', ended: new Promise<void>((resolve) => (ended = resolve)) };
    this.running.set(serviceId, entry);

    const job = this.deps.jobs.start('sync', `Sync ${access.service.name}`, { serviceId }, async (progress) => {
      try {
        await this.deps.cleanup.service(serviceId);
        const outcome = await access.run((client) =>
          this.deps.runner.run({
            serviceId,
            token: access.token,
            client,
            signal: progress.signal,
            progress: new SyncProgress(progress.report),
            attemptedAt,
            lease: () => {
              const generation = this.deps.leases.lease(serviceId);
              leased.push(generation);
              return generation;
            },
          }),
        );
        this.succeeded(serviceId, adminId, outcome);
        return summaryOf(outcome);
      } catch (error) {
        const failure = describeSyncFailure(error, progress.signal.aborted);
        if (!this.closed) {
          this.failed(serviceId, adminId, attemptedAt, failure.code, failure.message, failure.retryAt);
          if (failure.retryAt) this.retryAt(serviceId, failure.retryAt, (this.retries.get(serviceId)?.waits ?? 0) + 1);
          else this.retries.delete(serviceId);
        }
        throw failure.error;
      } finally {
        this.release(serviceId, leased);
        this.running.delete(serviceId);
        void this.tidyUp(serviceId).finally(ended);
      }
    });
    entry.jobId = job.id;
    return { job, running: entry };
  }

  private succeeded(serviceId: number, adminId: number | null, outcome: SyncOutcome): void {
    this.retries.delete(serviceId);
    this.deps.audit.record(adminId, 'sync.complete', `service:${serviceId}`, { mode: outcome.mode, ...outcome.cache });
    this.deps.bus.emit('sync.changed', { serviceIds: [serviceId] });
  }

  private failed(serviceId: number, adminId: number | null, attemptedAt: Date, code: string, message: string, retryAt: Date | null): void {
    this.deps.syncState.recordFailure(serviceId, attemptedAt, code, message, retryAt);
    this.deps.audit.record(adminId, 'sync.failed', `service:${serviceId}`, { code, message, ...(retryAt ? { retryAt: retryAt.toISOString() } : {}) });
    this.deps.bus.emit('sync.changed', { serviceIds: [serviceId] });
  }

  /** Apple's Retry-After time for the service's next sync, while it lies ahead. */
  private waitingUntil(serviceId: number): Date | null {
    const retryAt = this.deps.syncState.get(serviceId)?.retryAt;
    if (!retryAt || new Date(retryAt).getTime() <= this.deps.clock.now().getTime()) return null;
    return new Date(retryAt);
  }

  /**
   * Starts the service's sync on its own at Apple's time, as a system job.
   *
   * Bounded: after MAX_SYNC_WAITS waits in a row the failure stays for the admin (and the
   * automatic sync) to take up; no sync starts before Apple's time either way.
   */
  private retryAt(serviceId: number, at: Date, waits: number): void {
    const known = this.retries.get(serviceId);
    if (known) this.deps.timers.clear(known.timer);
    this.retries.delete(serviceId);
    if (this.closed || waits > MAX_SYNC_WAITS) return;
    const timer = this.deps.timers.set(() => {
      if (!this.closed) this.startAutomatic(serviceId);
    }, Math.max(0, at.getTime() - this.deps.clock.now().getTime()));
    this.retries.set(serviceId, { timer, waits });
  }

  private release(serviceId: number, leased: number[]): void {
    for (const generation of leased.splice(0)) this.deps.leases.release(serviceId, generation);
  }

  /**
   * Deletes what the sync no longer needs: the generation a swap replaced, or what a failed
   * attempt had written.
   *
   * It starts once the job has ended, because deleting a million rows takes seconds and the
   * new cache is already live (or the old one still is). A failure here is only logged.
   */
  private async tidyUp(serviceId: number): Promise<void> {
    await nextTurn();
    try {
      await this.deps.cleanup.service(serviceId);
    } catch (error) {
      if (!this.closed) this.deps.logError('Deleting the replaced cache failed', error);
    }
  }

  private automaticallySyncable(): number[] {
    const active = this.deps.tokens.ofServices(this.deps.services.allIds()).filter((t) => t.active);
    return active.filter((t) => isUsable(this.deps.tokenService.view(t).status)).map((t) => t.serviceId);
  }
}

function summaryOf(outcome: SyncOutcome): JobSummary {
  return {
    cache: { ...outcome.cache },
    'app names': { found: outcome.appNames.found, 'not found': outcome.appNames.notFound },
  };
}
