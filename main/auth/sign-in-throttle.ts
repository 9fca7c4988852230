import type { Clock } from '../clock/clock';

export const MAX_FAILED_SIGN_INS = 5;
export const SIGN_IN_LOCK_MS = 60_000;

/** Slows password guessing: after five failures for one email, that email waits a minute. */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(private readonly clock: Clock) {}

  /** Seconds the email must still wait, or 0. */
  secondsLocked(email: string): number {
    const entry = this.failures.get(email);
    if (!entry) return 0;
    const left = entry.lockedUntil - this.clock.now().getTime();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  recordFailure(email: string): void {
    const entry = this.failures.get(email) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= MAX_FAILED_SIGN_INS) {
      entry.count = 0;
      entry.lockedUntil = this.clock.now().getTime() + SIGN_IN_LOCK_MS;
    }
    this.failures.set(email, entry);
  }

  recordSuccess(email: string): void {
    this.failures.delete(email);
  }
}
