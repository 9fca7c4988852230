import type { Clock } from '../clock/clock';

export const MAX_SIGN_IN_ATTEMPTS = 5;
export const SIGN_IN_WINDOW_MS = 60_000;
// Past this many emails, those with no attempt left in the window are forgotten.
const SWEEP_ABOVE_EMAILS = 1_000;

/**
 * Slows password guessing: at most five sign-in attempts a minute for one email.
 *
 * An attempt is counted when it is admitted, before its password hash is awaited, so a burst
 * of concurrent attempts gets no more tries than a sequence would.
 */
export class SignInThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** Counts an attempt and answers 0, or, once the email used its attempts, the seconds it must wait. */
  admit(email: string): number {
    const now = this.clock.now().getTime();
    if (this.attempts.size > SWEEP_ABOVE_EMAILS) this.sweep(now);
    const recent = (this.attempts.get(email) ?? []).filter((at) => at > now - SIGN_IN_WINDOW_MS);
    if (recent.length >= MAX_SIGN_IN_ATTEMPTS) {
      this.attempts.set(email, recent);
      return Math.ceil((recent[0]! + SIGN_IN_WINDOW_MS - now) / 1000);
    }
    recent.push(now);
    this.attempts.set(email, recent);
    return 0;
  }

  /** The right password was given: the earlier attempts no longer count against the email. */
  recordSuccess(email: string): void {
    this.attempts.delete(email);
  }

  private sweep(now: number): void {
    for (const [email, times] of this.attempts) {
      if (times.every((at) => at <= now - SIGN_IN_WINDOW_MS)) this.attempts.delete(email);
    }
  }
}
