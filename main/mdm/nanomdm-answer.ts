import { z } from 'zod';
import type { EnrollmentResult } from './mdm-adapter';

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
 * alone does not: NanoMDM queued the command and only failed to wake the device, which
 * then gets it at its next check-in.
 */
export function enrollmentResults(ids: readonly string[], answer: NanoMdmAnswer, commandUuid: string): EnrollmentResult[] {
  return ids.map((enrollmentId): EnrollmentResult => {
    const own = answer.status?.[enrollmentId];
    const commandError = own?.command_error ?? answer.command_error;
    if (commandError !== undefined) {
      return { enrollmentId, status: 'failed', commandUuid, reason: `The MDM server could not queue the command: ${commandError}` };
    }
    return { enrollmentId, status: 'queued', commandUuid, pushError: own?.push_error ?? answer.push_error ?? null };
  });
}
