import type { MdmCommand } from './mdm-commands';

/** What became of a command for one enrollment (a device, or a user on a device). */
export type EnrollmentResult =
  | {
      enrollmentId: string;
      status: 'queued';
      /** The UUID the device will answer under; batches of one call may differ. */
      commandUuid: string;
      /**
       * Set when the wake-up push failed: the command still waits in the queue and the
       * device picks it up at its next check-in.
       */
      pushError: string | null;
    }
  | { enrollmentId: string; status: 'failed'; commandUuid: string; reason: string };

export interface EnqueueResult {
  /** One per distinct enrollment id, in the order given. */
  results: EnrollmentResult[];
}

/**
 * Delivers device-management commands through the district's MDM server.
 *
 * The app never talks to devices itself; an adapter per MDM product (NanoMDM first) turns
 * a command into that server's API call and its answer into per-enrollment results.
 */
export interface MdmAdapter {
  enqueue(enrollmentIds: readonly string[], command: MdmCommand): Promise<EnqueueResult>;
}
