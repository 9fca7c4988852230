import { describe, expect, it } from 'vitest';
import { MAX_FAILED_SIGN_INS, SignInThrottle } from '../../../main/auth/sign-in-throttle';

function clockAt(ms: number) {
  const clock = { t: ms, now: () => new Date(clock.t) };
  return clock;
}

describe('sign-in throttle', () => {
  it('locks an email for a minute after five failures, then lets it try again', () => {
    const clock = clockAt(0);
    const throttle = new SignInThrottle(clock);
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) throttle.recordFailure('ada@x.edu');
    expect(throttle.secondsLocked('ada@x.edu')).toBe(0);
    throttle.recordFailure('ada@x.edu');
    expect(throttle.secondsLocked('ada@x.edu')).toBe(60);
    expect(throttle.secondsLocked('bob@x.edu')).toBe(0);
    clock.t = 59_001;
    expect(throttle.secondsLocked('ada@x.edu')).toBe(1);
    clock.t = 60_000;
    expect(throttle.secondsLocked('ada@x.edu')).toBe(0);
  });

  it('forgets failures after a successful sign-in', () => {
    const throttle = new SignInThrottle(clockAt(0));
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) throttle.recordFailure('ada@x.edu');
    throttle.recordSuccess('ada@x.edu');
    throttle.recordFailure('ada@x.edu');
    expect(throttle.secondsLocked('ada@x.edu')).toBe(0);
  });
});
