/** Apple's last `Retry-After` for one token: until when, and the answer that said so. */
export interface AppleWait {
  until: Date;
  httpStatus: number | null;
  appleErrorNumber: number | null;
}

/**
 * When Apple last said (with `Retry-After`) it may be asked again, per token.
 *
 * One gate is shared by every client the app builds, so a sync, an invitation run and an
 * admin's check on the same token all keep Apple's wait, not only the request that was told.
 */
export class RetryAfterGate {
  private readonly waits = new Map<string, AppleWait>();

  /** The wait still running at `now`, or null when Apple may be asked. */
  current(key: string, now: Date): AppleWait | null {
    const wait = this.waits.get(key);
    if (!wait) return null;
    if (wait.until.getTime() <= now.getTime()) {
      this.waits.delete(key);
      return null;
    }
    return wait;
  }

  /** A later wait replaces an earlier one; an earlier one never shortens it. */
  close(key: string, wait: AppleWait): void {
    const known = this.waits.get(key);
    if (!known || known.until.getTime() < wait.until.getTime()) this.waits.set(key, wait);
  }
}
