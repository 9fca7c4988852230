import type { ReadinessCheck } from '../errors/server-readiness';
import type { MdmCommand } from './mdm-commands';

/** What became of a command for one enrollment (a device, or a user on a device). */
export type EnrollmentResult =
  | {
      enrollmentId: string;
      status: 'queued';
      /** The UUID the device will answer under; batches of one call may differ. */
      commandUuid: string;
      /**
       * Set when the wake-up push failed: the command waits in the server's queue, but the
       * device was not reached (an unenrolled device has no push token; a server without an
       * APNs certificate reaches none). It gets the command only at a check-in of its own.
       */
      pushError: string | null;
    }
  | { enrollmentId: string; status: 'failed'; commandUuid: string; reason: string };

export interface EnqueueResult {
  /** One per distinct enrollment id, in the order given. */
  results: EnrollmentResult[];
}

/** Whether one enrollment was woken by a push; pushError says why not. */
export interface PushResult {
  enrollmentId: string;
  pushError: string | null;
}

/**
 * Delivers device-management commands through the district's MDM server.
 *
 * The app never talks to devices itself; an adapter per MDM product (NanoMDM first) turns
 * a command into that server's API call and its answer into per-enrollment results.
 */
export interface MdmAdapter {
  enqueue(enrollmentIds: readonly string[], command: MdmCommand): Promise<EnqueueResult>;
  /** Wakes enrollments again for commands already queued, without queueing another. */
  push(enrollmentIds: readonly string[]): Promise<{ results: PushResult[] }>;
}

/** The adapter installs and invitations use: commands, and whether the server is usable before anything is spent. */
export interface MdmDelivery extends MdmAdapter, ReadinessCheck {}
