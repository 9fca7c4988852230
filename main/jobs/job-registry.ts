import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { JobState } from '../../preload/schemas/job-schemas';
import { DomainError } from '../errors/domain-error';
import type { EventBus } from '../events/event-bus';

export type Job = z.output<typeof JobState>;
export type JobSummary = NonNullable<Job['summary']>;

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
 * A job belongs to the admin who started it. A system job (owner null, such as an automatic
 * sync) belongs to nobody, so any signed-in admin may read or cancel it.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, { state: Job; owner: number | null; abort: AbortController }>();

  constructor(
    private readonly bus: EventBus,
    private readonly logError: (message: string, error: unknown) => void,
  ) {}

  start(kind: string, label: string, owner: number | null, run: (progress: JobProgress) => Promise<JobSummary>): Job {
    const abort = new AbortController();
    const state: Job = { id: randomUUID(), kind, label, state: 'running', phase: 'Starting', done: 0, total: 0, message: null, summary: null };
    this.jobs.set(state.id, { state, owner, abort });
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

  get(jobId: string, owner: number): Job {
    const job = this.jobs.get(jobId);
    if (!job || !mayTouch(job.owner, owner)) throw new DomainError('NOT_FOUND', 'That job is not known. It may have ended before the app restarted.');
    return { ...job.state };
  }

  cancel(jobId: string, owner: number): Job {
    const job = this.jobs.get(jobId);
    if (!job || !mayTouch(job.owner, owner)) throw new DomainError('NOT_FOUND', 'That job is not known.');
    job.abort.abort();
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

  private finish(state: Job, end: Partial<Job>): void {
    Object.assign(state, end);
    if (end.state !== 'failed' && end.state !== 'cancelled') state.done = state.total;
    this.publish(state);
  }

  private publish(state: Job): void {
    this.bus.emit('jobs.progress', { ...state });
  }
}

function mayTouch(jobOwner: number | null, adminId: number): boolean {
  return jobOwner === null || jobOwner === adminId;
}
