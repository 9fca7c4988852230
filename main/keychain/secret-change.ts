/**
 * What a secret field of a settings form did, for the audit log: never the secret itself.
 *
 * The forms send null to keep the stored secret, '' to remove it and text to replace it.
 */
export function secretChange(secret: string | null): 'kept' | 'removed' | 'replaced' {
  return secret === null ? 'kept' : secret === '' ? 'removed' : 'replaced';
}
