import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { JobState } from '../../preload/schemas/job-schemas';
import type { AuditLog } from '../audit/audit-log';
import type { SignedInAdmin } from '../auth/signed-in-admin';
import { DomainError } from '../errors/domain-error';
import type { EventBus } from '../events/event-bus';

export type Job = z.output<typeof JobState>;
export type JobSummary = NonNullable<Job['summary']>;
export type JobScope = Job['scope'];

/** Whether an admin may follow and cancel work on this scope (ScopeAccess.seesWork). */
export type JobAccess = (adminId: number, scope: JobScope) => boolean;

export interface JobProgress {
  /** Where the work is and how far along; sent to the renderer at most every 100 ms. */
  report(phase: string, done: number, total: number): void;
  /** A new phase with the counts as they were (e.g. waiting for Apple); sent at once. */
  say(phase: string): void;
  signal: AbortSignal;
}

const REPORT_INTERVAL_MS = 100;

/**
 * Long work the admin watches: each job runs in the background and streams its progress
 * as `jobs.progress` events; the last state stays readable after it ends.
 *
 * A job belongs to the scope it works on, not to whoever started it: an automatic sync has no
 * starter, and a co-admin may follow or stop an admin's sync of their service. Admins outside
 * the scope are told the job is unknown, as for any record they may not see.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, { state: Job; abort: AbortController }>();

  constructor(
    private readonly bus: EventBus,
    private readonly access: JobAccess,
    private readonly audit: AuditLog,
    private readonly logError: (message: string, error: unknown) => void,
  ) {}

  start(kind: string, label: string, scope: JobScope, run: (progress: JobProgress) => Promise<JobSummary>): Job {
    const abort = new AbortController();
    const state: Job = { id: randomUUID(), kind, label, scope: { ...scope }, state: 'running', phase: 'Starting', done: 0, total: 0, message: null, summary: null };
    this.jobs.set(state.id, { state, abort });
    let lastSent = 0;
    const progress: JobProgress = {
      signal: abort.signal,
      report: (phase, done, total) => {
        Object.assign(state, { phase, done, total });
        const now = Date.now();
        if (now - lastSent >= REPORT_INTERVAL_MS || done === total) {
          lastSent = now;
          this.publish(state);
        }
      },
      say: (phase) => {
        state.phase = phase;
        lastSent = Date.now();
        this.publish(state);
      },
    };
    this.publish(state);
    void run(progress).then(
      (summary) => this.finish(state, { state: 'succeeded', phase: 'Done', summary }),
      (error: unknown) => {
        if (!(error instanceof DomainError)) this.logError(`Job ${kind} failed`, error);
        this.finish(state, {
          state: abort.signal.aborted ? 'cancelled' : 'failed',
          message: error instanceof DomainError ? error.message : 'The job stopped because of an error inside the app. The details were written to its log.',
        });
      },
    );
    return { ...state };
  }

  get(jobId: string, adminId: number): Job {
    return { ...this.require(jobId, adminId, 'That job is not known. It may have ended before the app restarted.').state };
  }

  /** Stops a running job; the audit log says who stopped it. A job that has ended stays as it ended. */
  cancel(jobId: string, admin: SignedInAdmin): Job {
    const job = this.require(jobId, admin.id, 'That job is not known.');
    if (job.state.state === 'running' && !job.abort.signal.aborted) {
      this.audit.record(admin.id, 'job.cancel', targetOf(job.state.scope), { jobId, kind: job.state.kind, label: job.state.label });
      job.abort.abort();
    }
    return { ...job.state };
  }

  /** The job's current state whoever owns it, for services that report on their own jobs. */
  snapshot(jobId: string): Job | null {
    const job = this.jobs.get(jobId);
    return job ? { ...job.state } : null;
  }

  /** Cancels a job on the app's own behalf (it is closing), whoever owns it. */
  abort(jobId: string): void {
    this.jobs.get(jobId)?.abort.abort();
  }

  private require(jobId: string, adminId: number, unknown: string) {
    const job = this.jobs.get(jobId);
    if (!job || !this.access(adminId, job.state.scope)) throw new DomainError('NOT_FOUND', unknown);
    return job;
  }

  private finish(state: Job, end: Partial<Job>): void {
    Object.assign(state, end);
    if (end.state !== 'failed' && end.state !== 'cancelled') state.done = state.total;
    this.publish(state);
  }

  private publish(state: Job): void {
    this.bus.emit('jobs.progress', { ...state });
  }
}

function targetOf(scope: JobScope): string {
  return 'serviceId' in scope ? `service:${scope.serviceId}` : `group:${scope.groupId}`;
}
