import { createHash } from 'node:crypto';

/**
 * A short, stable name for a token that reveals nothing of it.
 *
 * The database, the audit log and the UI show this instead of the secret; 16 hex digits of
 * SHA-256 tell tokens apart without allowing the token to be guessed back.
 */
export function tokenFingerprint(normalizedToken: string): string {
  return createHash('sha256').update(normalizedToken, 'utf8').digest('hex').slice(0, 16);
}
