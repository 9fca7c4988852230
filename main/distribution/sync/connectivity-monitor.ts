import type { z } from 'zod';
import type { Connectivity } from '../../../preload/schemas/report-schemas';
import { AppleApiError } from '../../apple/errors/apple-api-error';
import { AppleWaitError } from '../../apple/errors/apple-wait-error';
import type { Clock } from '../../clock/clock';
import type { EventBus } from '../../events/event-bus';

export type ConnectivityState = z.output<typeof Connectivity>;

/** Told how each call to Apple ended. */
export interface AppleCallObserver {
  answered(): void;
  failed(error: unknown): void;
}

export const ignoreAppleCalls: AppleCallObserver = { answered: () => undefined, failed: () => undefined };

/**
 * Apple could not be reached: no answer at all, or only 5xx until the retries ran out.
 *
 * Any other Apple error is an answer (a revoked token, a bad request): Apple is there. So is
 * a Retry-After longer than a call holds: Apple answered and asked for time, which the sync
 * panel and the job show; the report is not offline for every other service because of it.
 */
export function meansOffline(error: AppleApiError): boolean {
  if (error instanceof AppleWaitError) return false;
  return error.code === 'APPLE_UNAVAILABLE' && (error.httpStatus === null || error.httpStatus >= 500);
}

/**
 * Whether Apple was reachable at the last call, for the online/offline indicator.
 *
 * The app starts optimistic (online, never checked). Failures that are not Apple's (a
 * cancelled call, a bug) say nothing about the network and change nothing. Windows hear of
 * each change through `app.connectivity`.
 */
export class ConnectivityMonitor implements AppleCallObserver {
  private state: ConnectivityState = { online: true, message: null, checkedAt: null };

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  current(): ConnectivityState {
    return { ...this.state };
  }

  answered(): void {
    this.set(true, null);
  }

  failed(error: unknown): void {
    if (!(error instanceof AppleApiError)) return;
    if (meansOffline(error)) this.set(false, error.message);
    else this.set(true, null);
  }

  private set(online: boolean, message: string | null): void {
    const changed = online !== this.state.online || message !== this.state.message;
    this.state = { online, message, checkedAt: this.clock.now().toISOString() };
    if (changed) this.bus.emit('app.connectivity', this.current());
  }
}
