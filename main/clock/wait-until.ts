import type { Clock } from './clock';
import type { Timers } from './timers';

/** Resolves at `at` by the injected clock and timers, or rejects with the signal's reason once it aborts. */
export function waitUntil(at: Date, clock: Clock, timers: Timers, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const handle = timers.set(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, at.getTime() - clock.now().getTime()));
    function onAbort(): void {
      timers.clear(handle);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
