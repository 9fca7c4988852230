/**
 * What a secret field of a settings form did, for the audit log: never the secret itself.
 *
 * The forms send null to keep the stored secret, '' to remove it and text to replace it.
 * 'dropped': the form said keep, but the server the secret goes to changed (see
 * secretForServer), so it was removed.
 */
export function secretChange(secret: string | null, dropped = false): 'kept' | 'removed' | 'replaced' | 'dropped' {
  if (dropped) return 'dropped';
  return secret === null ? 'kept' : secret === '' ? 'removed' : 'replaced';
}

/**
 * The secret a save stores: a kept one is removed when the server changes (its host, port or
 * security), so a stored password or key only ever goes to the server it was entered for.
 * Otherwise a careless or hostile change of address would send it, in the clear if the new
 * server asks for no encryption, to a server of someone else's choosing.
 */
export function secretForServer(secret: string | null, serverChanged: boolean): string | null {
  return secret === null && serverChanged ? '' : secret;
}
