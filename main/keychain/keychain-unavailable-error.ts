import { DomainError } from '../errors/domain-error';

const WHY =
  'The system keychain is not available, so secrets such as Apple tokens cannot be stored or read. ' +
  'On macOS and Windows it is built in; on Linux a Secret Service (for example GNOME Keyring) must be running and unlocked.';

/**
 * The OS keychain could not be reached: code KEYCHAIN_UNAVAILABLE, so the admin is told to fix
 * the keychain rather than to report a bug.
 *
 * Never answered by falling back to a file: a secret that cannot go to the keychain is not
 * stored at all, and the admin is told why. `outcome` says first what the refused act left
 * undone (e.g. "Nothing was sent to Apple.").
 */
export class KeychainUnavailableError extends DomainError {
  constructor(
    readonly reason: string,
    outcome?: string,
  ) {
    super('KEYCHAIN_UNAVAILABLE', `${outcome ? `${outcome} ` : ''}${WHY} Details: ${reason}`);
    this.name = 'KeychainUnavailableError';
  }
}
