import { systemClock, type Clock } from '../../clock/clock';
import { RetryAfterGate } from './retry-after-gate';
import { defaultRetrySettings, type RetrySettings } from './retry-policy';
import { realSleep, type Sleep } from './sleep';

/** How requests reach Apple; every part can be replaced so tests run in milliseconds. */
export interface TransportOptions {
  fetch?: typeof fetch;
  clock?: Clock;
  sleep?: Sleep;
  /** Uniform in [0, 1): the backoff jitter source. */
  random?: () => number;
  retry?: Partial<RetrySettings>;
  /** Per attempt, body included. */
  requestTimeoutMs?: number;
  /** Apple's `Retry-After` waits, shared by the clients built with it (one per client by default). */
  gate?: RetryAfterGate;
}

export interface ResolvedTransport {
  fetch: typeof fetch;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  retry: RetrySettings;
  timeoutMs: number;
  gate: RetryAfterGate;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export function resolveTransport(options: TransportOptions): ResolvedTransport {
  return {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock: options.clock ?? systemClock,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    retry: { ...defaultRetrySettings, ...options.retry },
    timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    gate: options.gate ?? new RetryAfterGate(),
  };
}
