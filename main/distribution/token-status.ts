/** What Apple last said of a token; kept in the database. */
export type StoredTokenStatus = 'valid' | 'expired' | 'revoked' | 'invalid';

/** What the admin sees: the stored status, with the calendar applied to a valid token. */
export type TokenStatus = 'valid' | 'expiring' | 'expired' | 'revoked' | 'invalid';

export const EXPIRING_WITHIN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A token's status now.
 *
 * Apple's word wins (revoked, invalid, expired early after a password change); otherwise the
 * expiry date decides: expired once past, expiring within 30 days of it.
 */
export function tokenStatus(stored: StoredTokenStatus, expiresAt: Date, now: Date): TokenStatus {
  if (stored !== 'valid') return stored;
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  if (left <= EXPIRING_WITHIN_DAYS * DAY_MS) return 'expiring';
  return 'valid';
}

/** Whole days until expiry, rounded up; 0 once expired. */
export function daysUntil(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
}

/** Only a token Apple still accepts can install apps or invite users. */
export function isUsable(status: TokenStatus): boolean {
  return status === 'valid' || status === 'expiring';
}
