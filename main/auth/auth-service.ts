import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock/clock';
import type { AdminStore } from '../directory/admin-store';
import { DomainError } from '../errors/domain-error';
import { hashPassword, verifyPassword } from './password-hash';
import type { SessionEnd, SessionStore } from './session-store';
import type { SignedInAdmin } from './signed-in-admin';
import { SignInThrottle } from './sign-in-throttle';

// One answer for a wrong email, a wrong password and a disabled account, whichever password
// was given: a disabled account must not confirm that a guessed password is right.
const REFUSED = 'The email or password is not correct, or this account is disabled. Check both, or ask an organization admin to enable the account.';

function endedBecause(reason: SessionEnd, idleHours: number): string {
  switch (reason) {
    case 'idle':
      return `Your session expired after ${idleHours} ${idleHours === 1 ? 'hour' : 'hours'} without activity. Sign in again to carry on.`;
    case 'passwordReset':
      return 'Your password was reset, so you were signed out everywhere. Sign in with the new password.';
    case 'disabled':
      return 'Your account was disabled, so you were signed out. An organization admin can enable it again.';
  }
}

/** Signing in and out, and who is signed in on a client. */
export class AuthService {
  private readonly throttle: SignInThrottle;
  // Unknown emails are checked against this too, so timing does not reveal which emails exist.
  private readonly decoyHash = hashPassword('decoy password that never matches');

  constructor(
    private readonly admins: AdminStore,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
    clock: Clock,
    private readonly idleHours: () => number,
  ) {
    this.throttle = new SignInThrottle(clock);
  }

  async signIn(clientId: string, email: string, password: string): Promise<SignedInAdmin> {
    // Admitted (and counted) before the first await, so concurrent guesses share the limit.
    const wait = this.throttle.admit(email);
    if (wait > 0) {
      throw new DomainError('UNAUTHENTICATED', `Too many sign-in attempts for ${email} in the last minute. Try again in ${wait} seconds.`);
    }
    const admin = this.admins.byEmail(email);
    const matches = await verifyPassword(password, admin?.passwordHash ?? (await this.decoyHash));
    // Read again: the account may have been disabled while the hash was computed.
    const current = admin ? this.admins.byId(admin.id) : null;
    if (!current || !matches || current.disabled) {
      this.audit.record(admin?.id ?? null, 'auth.signInFailed', `admin:${email}`);
      throw new DomainError('UNAUTHENTICATED', REFUSED);
    }
    this.throttle.recordSuccess(email);
    this.sessions.signIn(clientId, current.id);
    this.audit.record(current.id, 'auth.signIn', `admin:${current.id}`);
    return { id: current.id, name: current.name, email: current.email };
  }

  signOut(clientId: string, admin: SignedInAdmin): void {
    this.sessions.signOut(clientId);
    this.audit.record(admin.id, 'auth.signOut', `admin:${admin.id}`);
  }

  /**
   * The admin signed in on this client; a call counts as activity, and `activity: false` is for
   * what the admin did not do (an event for their window: a busy job must not keep an idle
   * window signed in). A disabled admin is signed out.
   */
  signedIn(clientId: string, activity = true): SignedInAdmin | null {
    const session = this.sessions.lookup(clientId, activity);
    if (session.state !== 'signedIn') return null;
    const admin = this.admins.byId(session.adminId);
    if (!admin || admin.disabled) {
      this.sessions.endAll(session.adminId, 'disabled');
      return null;
    }
    return { id: admin.id, name: admin.name, email: admin.email };
  }

  /** Why this client is no longer signed in, when its session ended rather than signed out. */
  signedOutReason(clientId: string): string | null {
    const session = this.sessions.lookup(clientId);
    return session.state === 'ended' ? endedBecause(session.reason, this.idleHours()) : null;
  }
}
