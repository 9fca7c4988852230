import { AppleWaitError } from '../apple/errors/apple-wait-error';
import type { Clock } from '../clock/clock';
import type { Timers } from '../clock/timers';
import { waitUntil } from '../clock/wait-until';

/** Waits for Apple's Retry-After one job sits out before it fails with Apple's sentence. */
export const MAX_APPLE_WAITS = 3;

export interface AppleWaitPorts {
  clock: Clock;
  timers: Timers;
}

/**
 * Runs resumable background work (an invitation or install run) and, when Apple asks with
 * Retry-After to be left alone longer than a call holds, waits for Apple's time and runs it
 * again instead of failing.
 *
 * The work must pick up where it stopped (its state is in the database). `onWait` is told
 * before each wait, so the job and its run can show when the next try is. A cancel ends the
 * wait at once.
 */
export async function sittingOutAppleWaits<T>(work: () => Promise<T>, ports: AppleWaitPorts, signal: AbortSignal, onWait: (error: AppleWaitError) => void): Promise<T> {
  for (let waits = 0; ; waits++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof AppleWaitError) || waits >= MAX_APPLE_WAITS || signal.aborted) throw error;
      onWait(error);
      await waitUntil(error.retryAt, ports.clock, ports.timers, signal);
    }
  }
}
