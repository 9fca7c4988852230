import { describe, expect, it } from 'vitest';
import { appleWaitMessage, appleWaitPhase, AppleWaitError } from '../../../main/apple/errors/apple-wait-error';
import { clockTime, waitLength } from '../../../main/clock/clock-time';

/** A local time today, so the expected HH:MM does not depend on the machine's time zone. */
const at = (hours: number, minutes: number, seconds = 0) => {
  const date = new Date(2026, 2, 2, hours, minutes, seconds);
  return date;
};

describe('telling an admin how long Apple asked us to wait', () => {
  it('names the local time, rounded up so it is never before the moment meant', () => {
    expect(clockTime(at(14, 5))).toBe('14:05');
    expect(clockTime(at(14, 5, 1))).toBe('14:06');
    expect(clockTime(at(9, 59, 30))).toBe('10:00');
    expect(clockTime(at(23, 59, 59))).toBe('00:00');
  });

  it('counts seconds under a minute and whole minutes (rounded up) above', () => {
    expect(waitLength(1_000)).toBe('1 second');
    expect(waitLength(45_000)).toBe('45 seconds');
    expect(waitLength(45_200)).toBe('46 seconds');
    expect(waitLength(60_000)).toBe('1 minute');
    expect(waitLength(61_000)).toBe('2 minutes');
    expect(waitLength(120_000)).toBe('2 minutes');
  });

  it('says it in the words of the issue, for calls and for background work', () => {
    expect(appleWaitMessage(120_000, at(14, 5))).toBe('Apple asked us to wait 2 minutes; try again after 14:05.');
    expect(appleWaitPhase(at(14, 5))).toBe('Apple asked us to wait; the next try is at 14:05');
    const error = new AppleWaitError(at(14, 5), 120_000, { appleErrorNumber: null, httpStatus: 503 });
    expect(error).toMatchObject({ code: 'APPLE_UNAVAILABLE', message: 'Apple asked us to wait 2 minutes; try again after 14:05.', retryAt: at(14, 5) });
    expect(error.details).toEqual({ appleErrorNumber: null, httpStatus: 503, appleMessage: null, retryAt: at(14, 5).toISOString() });
  });
});
