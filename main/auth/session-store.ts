import type { Clock } from '../clock/clock';

/** Why a client's session ended without it signing out. */
export type SessionEnd = 'idle' | 'passwordReset' | 'disabled';

export type SessionLookup =
  | { state: 'signedIn'; adminId: number }
  | { state: 'ended'; reason: SessionEnd }
  | { state: 'none' };

/**
 * Which admin is signed in on which client (a window, or a browser tab), and until when.
 *
 * Held in memory on purpose: quitting the app or restarting browser mode signs everyone out.
 * A session unused for the idle limit ends; so do all of an admin's sessions when their
 * password is reset or their account is disabled. An ended session keeps its reason until
 * that client signs in again, so each of its calls can say why it was signed out.
 */
export class SessionStore {
  private readonly sessions = new Map<string, { adminId: number; lastUsed: number }>();
  private readonly ended = new Map<string, SessionEnd>();

  constructor(
    private readonly clock: Clock,
    /** Read on every call, so a new setting applies to sessions already open. */
    private readonly idleLimitMs: () => number,
  ) {}

  signIn(clientId: string, adminId: number): void {
    this.ended.delete(clientId);
    this.sessions.set(clientId, { adminId, lastUsed: this.clock.now().getTime() });
  }

  signOut(clientId: string): void {
    this.sessions.delete(clientId);
    this.ended.delete(clientId);
  }

  /** Ends every session of this admin at once, except the one on `keepClientId`. */
  endAll(adminId: number, reason: SessionEnd, keepClientId: string | null = null): void {
    for (const [clientId, session] of this.sessions) {
      if (session.adminId === adminId && clientId !== keepClientId) this.end(clientId, reason);
    }
  }

  /**
   * The client's session; a call counts as activity (`activity: false` for what the admin did
   * not do, such as an event reaching their window).
   */
  lookup(clientId: string, activity = true): SessionLookup {
    const session = this.sessions.get(clientId);
    if (!session) {
      const reason = this.ended.get(clientId);
      return reason ? { state: 'ended', reason } : { state: 'none' };
    }
    const now = this.clock.now().getTime();
    if (now - session.lastUsed >= this.idleLimitMs()) {
      this.end(clientId, 'idle');
      return { state: 'ended', reason: 'idle' };
    }
    if (activity) session.lastUsed = now;
    return { state: 'signedIn', adminId: session.adminId };
  }

  private end(clientId: string, reason: SessionEnd): void {
    this.sessions.delete(clientId);
    this.ended.set(clientId, reason);
  }
}
