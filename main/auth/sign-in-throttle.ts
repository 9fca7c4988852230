import type { Clock } from '../clock/clock';

export const MAX_SIGN_IN_ATTEMPTS = 5;
export const SIGN_IN_WINDOW_MS = 60_000;
// Past this many emails, those with no attempt left in the window are forgotten.
const SWEEP_ABOVE_EMAILS = 1_000;

/**
 * Slows password guessing: after five sign-in attempts within a minute, an email waits a minute.
 *
 * An attempt is counted when it is admitted, before its password hash is awaited, so a burst
 * of concurrent attempts gets no more tries than a sequence would.
 */
export class SignInThrottle {
  private readonly emails = new Map<string, { attempts: number[]; lockedUntil: number }>();

  constructor(private readonly clock: Clock) {}

  /** Counts an attempt and answers 0, or, while the email is locked, the seconds it must wait. */
  admit(email: string): number {
    const now = this.clock.now().getTime();
    if (this.emails.size > SWEEP_ABOVE_EMAILS) this.sweep(now);
    const entry = this.emails.get(email) ?? { attempts: [], lockedUntil: 0 };
    this.emails.set(email, entry);
    if (entry.lockedUntil > now) return Math.ceil((entry.lockedUntil - now) / 1000);
    entry.attempts = entry.attempts.filter((at) => at > now - SIGN_IN_WINDOW_MS);
    entry.attempts.push(now);
    if (entry.attempts.length >= MAX_SIGN_IN_ATTEMPTS) {
      entry.attempts = [];
      entry.lockedUntil = now + SIGN_IN_WINDOW_MS;
    }
    return 0;
  }

  /** The right password was given: the earlier attempts no longer count against the email. */
  recordSuccess(email: string): void {
    this.emails.delete(email);
  }

  private sweep(now: number): void {
    for (const [email, entry] of this.emails) {
      if (entry.lockedUntil <= now && entry.attempts.every((at) => at <= now - SIGN_IN_WINDOW_MS)) this.emails.delete(email);
    }
  }
}
