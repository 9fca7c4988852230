import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock/clock';
import type { AdminStore } from '../directory/admin-store';
import { DomainError } from '../errors/domain-error';
import { hashPassword, verifyPassword } from './password-hash';
import type { SessionStore } from './session-store';
import type { SignedInAdmin } from './signed-in-admin';
import { SignInThrottle } from './sign-in-throttle';

const WRONG_CREDENTIALS = 'The email or password is not correct.';

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
  ) {
    this.throttle = new SignInThrottle(clock);
  }

  async signIn(clientId: string, email: string, password: string): Promise<SignedInAdmin> {
    const wait = this.throttle.secondsLocked(email);
    if (wait > 0) {
      throw new DomainError('UNAUTHENTICATED', `Too many failed sign-ins for ${email}. Try again in ${wait} seconds.`);
    }
    const admin = this.admins.byEmail(email);
    const matches = await verifyPassword(password, admin?.passwordHash ?? (await this.decoyHash));
    if (!admin || !matches) {
      this.throttle.recordFailure(email);
      this.audit.record(admin?.id ?? null, 'auth.signInFailed', `admin:${email}`);
      throw new DomainError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    }
    if (admin.disabled) {
      throw new DomainError('FORBIDDEN', 'This admin account is disabled. Ask an organization admin to enable it.');
    }
    this.throttle.recordSuccess(email);
    this.sessions.signIn(clientId, admin.id);
    this.audit.record(admin.id, 'auth.signIn', `admin:${admin.id}`);
    return { id: admin.id, name: admin.name, email: admin.email };
  }

  signOut(clientId: string, admin: SignedInAdmin): void {
    this.sessions.signOut(clientId);
    this.audit.record(admin.id, 'auth.signOut', `admin:${admin.id}`);
  }

  /** The admin signed in on this client; a disabled or deleted admin is signed out. */
  signedIn(clientId: string): SignedInAdmin | null {
    const id = this.sessions.adminId(clientId);
    if (id === null) return null;
    const admin = this.admins.byId(id);
    if (!admin || admin.disabled) {
      this.sessions.signOut(clientId);
      return null;
    }
    return { id: admin.id, name: admin.name, email: admin.email };
  }
}
