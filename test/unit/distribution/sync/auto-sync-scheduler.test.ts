import { describe, expect, it } from 'vitest';
import { AutoSyncScheduler } from '../../../../main/distribution/sync/auto-sync-scheduler';

const HOUR = 60 * 60 * 1000;

function scheduler(hours: number) {
  const pending: { callback: () => void; ms: number }[] = [];
  let now = 0;
  let runs = 0;
  let finishRun: () => void = () => undefined;
  const settings = { hours };
  const auto = new AutoSyncScheduler({
    syncAll: () => {
      runs++;
      return new Promise<void>((resolve) => (finishRun = resolve));
    },
    hours: () => settings.hours,
    clock: { now: () => new Date(now) },
    timers: {
      set: (callback, ms) => pending.push({ callback, ms }),
      clear: () => pending.splice(0),
    },
    logError: () => undefined,
    startupDelayMs: 1_000,
    tickMs: 60_000,
  });
  return {
    auto,
    pending,
    settings,
    runs: () => runs,
    advance: (ms: number) => (now += ms),
    fire: () => pending.shift()!.callback(),
    finish: async () => {
      finishRun();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('automatic sync schedule', () => {
  it('runs shortly after start, then once N hours have passed, never two runs at once', async () => {
    const s = scheduler(24);
    s.auto.start();
    expect(s.pending.map((p) => p.ms)).toEqual([1_000]);
    s.fire();
    expect(s.runs()).toBe(1);
    expect(s.pending).toEqual([]);
    await s.finish();
    expect(s.pending.map((p) => p.ms)).toEqual([60_000]);

    s.advance(23 * HOUR);
    s.fire();
    expect(s.runs()).toBe(1);
    s.advance(HOUR);
    s.fire();
    expect(s.runs()).toBe(2);
  });

  it('0 hours is off, and a changed setting applies at the next tick', () => {
    const s = scheduler(0);
    s.auto.start();
    s.fire();
    expect(s.runs()).toBe(0);
    s.settings.hours = 6;
    s.fire();
    expect(s.runs()).toBe(1);
  });

  it('stop clears the waiting timer and no run starts after it', async () => {
    const s = scheduler(24);
    s.auto.start();
    s.auto.stop();
    expect(s.pending).toEqual([]);
    const late = scheduler(24);
    late.auto.start();
    late.fire();
    late.auto.stop();
    await late.finish();
    expect(late.pending).toEqual([]);
  });
});
