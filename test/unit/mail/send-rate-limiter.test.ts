import { describe, expect, it } from 'vitest';
import { SendRateLimiter } from '../../../main/mail/send-rate-limiter';

function fakeTime(start = 0) {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    advance: (ms: number) => (now += ms),
    clock: { now: () => new Date(now) },
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
}

describe('the send rate limiter', () => {
  it('lets the first N through at once, then waits for the oldest to leave the minute', async () => {
    const time = fakeTime();
    const limiter = new SendRateLimiter(() => 3, time.clock, time.sleep);
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(time.waits).toEqual([]);
    time.advance(20_000);
    await limiter.acquire();
    expect(time.waits).toEqual([40_000]);
  });

  it('never lets more than N start in any sliding minute', async () => {
    const time = fakeTime();
    const starts: number[] = [];
    const limiter = new SendRateLimiter(() => 4, time.clock, time.sleep);
    for (let i = 0; i < 30; i += 1) {
      await limiter.acquire();
      starts.push(time.clock.now().getTime());
      time.advance((i * 7919) % 13_000);
    }
    for (const start of starts) expect(starts.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(4);
  });

  it('serves callers in the order they asked', async () => {
    const time = fakeTime();
    const limiter = new SendRateLimiter(() => 1, time.clock, time.sleep);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(time.waits).toEqual([60_000, 60_000]);
  });

  it('reads the limit at every call', async () => {
    const time = fakeTime();
    let limit = 1;
    const limiter = new SendRateLimiter(() => limit, time.clock, time.sleep);
    await limiter.acquire();
    limit = 2;
    await limiter.acquire();
    expect(time.waits).toEqual([]);
  });
});
