import { describe, expect, it } from 'vitest';
import { MAX_SIGN_IN_ATTEMPTS, SignInThrottle } from '../../../main/auth/sign-in-throttle';

function clockAt(ms: number) {
  const clock = { t: ms, now: () => new Date(clock.t) };
  return clock;
}

describe('sign-in throttle', () => {
  it('admits five attempts for one email, counting each as it is admitted, then locks it for a minute', () => {
    const clock = clockAt(0);
    const throttle = new SignInThrottle(clock);
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS; i++) expect(throttle.admit('ada@x.edu')).toBe(0);
    // No failure was reported yet: attempts still in flight count all the same.
    expect(throttle.admit('ada@x.edu')).toBe(60);
    expect(throttle.admit('bob@x.edu')).toBe(0);
    clock.t = 59_001;
    expect(throttle.admit('ada@x.edu')).toBe(1);
    clock.t = 60_000;
    expect(throttle.admit('ada@x.edu')).toBe(0);
    expect(throttle.admit('ada@x.edu')).toBe(0);
  });

  it('refused attempts do not push the wait further out', () => {
    const clock = clockAt(0);
    const throttle = new SignInThrottle(clock);
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS; i++) throttle.admit('ada@x.edu');
    for (let i = 0; i < 200; i++) throttle.admit('ada@x.edu');
    clock.t = 30_000;
    expect(throttle.admit('ada@x.edu')).toBe(30);
    clock.t = 60_000;
    expect(throttle.admit('ada@x.edu')).toBe(0);
  });

  it('forgets the attempts after a successful sign-in', () => {
    const throttle = new SignInThrottle(clockAt(0));
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS; i++) throttle.admit('ada@x.edu');
    throttle.recordSuccess('ada@x.edu');
    expect(throttle.admit('ada@x.edu')).toBe(0);
  });

  it('keeps counting an email while it forgets the many others tried over a minute ago', () => {
    const clock = clockAt(0);
    const throttle = new SignInThrottle(clock);
    for (let i = 0; i < 1_001; i++) throttle.admit(`guess${i}@x.edu`);
    clock.t = 50_000;
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS; i++) throttle.admit('ada@x.edu');
    clock.t = 70_000;
    throttle.admit('late@x.edu');
    expect(throttle.admit('ada@x.edu')).toBe(40);
    expect(throttle.admit('guess0@x.edu')).toBe(0);
  });
});
