import type { Timers } from '../../main/clock/timers';

/** Timers a test fires by hand, and a clock it moves. */
export function manualTime() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  let offset = 0;
  const timers: Timers = {
    set: (callback, ms) => {
      pending.set(next, { callback, ms });
      return next++;
    },
    clear: (handle) => pending.delete(handle as number),
  };
  return {
    timers,
    clock: { now: () => new Date(Date.now() + offset) },
    pending,
    advance: (ms: number) => (offset += ms),
    /** Runs the one timer waiting now. */
    fire() {
      const [entry] = [...pending];
      if (!entry) throw new Error('No timer is waiting.');
      pending.delete(entry[0]);
      entry[1].callback();
      return entry[1].ms;
    },
  };
}

export type ManualTime = ReturnType<typeof manualTime>;
