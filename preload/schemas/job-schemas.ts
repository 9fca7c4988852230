import { z } from 'zod';

export const jobStates = ['running', 'succeeded', 'failed', 'cancelled'] as const;

/** A long piece of work as the renderer sees it: what, how far, and how it ended. */
export const JobState = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  state: z.enum(jobStates),
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  /** Why it failed or was cancelled. */
  message: z.string().nullable(),
  /** What it did, once it succeeded: counts by name. */
  summary: z.record(z.string(), z.record(z.string(), z.number().int())).nullable(),
});
