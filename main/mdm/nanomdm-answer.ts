import { z } from 'zod';
import type { EnrollmentResult, PushResult } from './mdm-adapter';

/**
 * NanoMDM's answer to enqueue and push calls (its APIResult); fields are left out when
 * empty, and errors are plain strings.
 */
export const NanoMdmAnswer = z.object({
  status: z
    .record(
      z.string(),
      z.object({
        push_error: z.string().optional(),
        push_result: z.string().optional(),
        command_error: z.string().optional(),
      }),
    )
    .optional(),
  no_push: z.boolean().optional(),
  push_error: z.string().optional(),
  command_error: z.string().optional(),
  command_uuid: z.string().optional(),
  request_type: z.string().optional(),
});
export type NanoMdmAnswer = z.output<typeof NanoMdmAnswer>;

/**
 * Per-enrollment results of one enqueue call.
 *
 * A command error (whole call or one id) means nothing was queued there. A push error
 * alone does not: NanoMDM queued the command and only failed to wake the device. Its own
 * push error comes in `status`; a top-level one (no APNs certificate) stands for every id,
 * and then NanoMDM sends no `status` at all.
 */
export function enrollmentResults(ids: readonly string[], answer: NanoMdmAnswer, commandUuid: string): EnrollmentResult[] {
  return ids.map((enrollmentId): EnrollmentResult => {
    const own = answer.status?.[enrollmentId];
    const commandError = own?.command_error ?? answer.command_error;
    if (commandError !== undefined) {
      return { enrollmentId, status: 'failed', commandUuid, reason: `The MDM server could not queue the command: ${commandError}` };
    }
    return { enrollmentId, status: 'queued', commandUuid, pushError: pushErrorOf(enrollmentId, answer) };
  });
}

/** Per-enrollment results of one push call. */
export function pushResults(ids: readonly string[], answer: NanoMdmAnswer): PushResult[] {
  return ids.map((enrollmentId) => ({ enrollmentId, pushError: pushErrorOf(enrollmentId, answer) }));
}

/** An id's own push outcome wins; a top-level push error covers the ids pushed under it. */
function pushErrorOf(enrollmentId: string, answer: NanoMdmAnswer): string | null {
  const own = answer.status?.[enrollmentId];
  if (own?.push_error !== undefined) return own.push_error;
  if (own?.push_result !== undefined) return null;
  return answer.push_error ?? null;
}
