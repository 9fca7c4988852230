import { DomainError } from '../errors/domain-error';

/**
 * The OS keychain could not be reached.
 *
 * Never answered by falling back to a file: a secret that cannot go to the keychain is not
 * stored at all, and the admin is told why.
 */
export class KeychainUnavailableError extends DomainError {
  constructor(reason: string) {
    super(
      'INTERNAL',
      'The system keychain is not available, so secrets such as Apple tokens cannot be stored or read. ' +
        'On macOS and Windows it is built in; on Linux a Secret Service (for example GNOME Keyring) must be ' +
        `running and unlocked. Details: ${reason}`,
    );
    this.name = 'KeychainUnavailableError';
  }
}
