import { z } from 'zod';

export const jobStates = ['running', 'succeeded', 'failed', 'cancelled'] as const;

/**
 * What a job works on: a service (a sync) or a group (an import, an invitation or install run).
 *
 * Who may follow or cancel the job, and which windows hear its progress, follows from it
 * (main/distribution/scope-access.ts).
 */
export const JobScope = z.union([z.strictObject({ serviceId: z.number().int() }), z.strictObject({ groupId: z.number().int() })]);

/** A long piece of work as the renderer sees it: what, how far, and how it ended. */
export const JobState = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  scope: JobScope,
  state: z.enum(jobStates),
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  /** Why it failed or was cancelled. */
  message: z.string().nullable(),
  /** What it did, once it succeeded: counts by name. */
  summary: z.record(z.string(), z.record(z.string(), z.number().int())).nullable(),
});
