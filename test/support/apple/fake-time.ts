import type { Clock } from '../../../main/clock/clock';
import type { Sleep } from '../../../main/apple/client/sleep';

export interface FakeTime {
  clock: Clock;
  /** Returns at once, moving the clock forward by the time asked. */
  sleep: Sleep;
  /** Every wait asked for, in order. */
  sleeps: number[];
  advance(ms: number): void;
}

/** A clock and a sleep that run in no real time, so retry and polling tests take milliseconds. */
export function fakeTime(start = new Date('2026-03-02T09:00:00Z')): FakeTime {
  let now = start.getTime();
  const sleeps: number[] = [];
  return {
    clock: { now: () => new Date(now) },
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance: (ms) => {
      now += ms;
    },
  };
}
