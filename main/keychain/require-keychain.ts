import { KeychainUnavailableError } from './keychain-unavailable-error';
import type { SecretStore } from './secret-store';

/**
 * Refuses before anything else happens when the keychain cannot be reached, saying what was
 * therefore not done.
 *
 * For acts whose secret is stored only at their end, such as Add Token, whose token would
 * otherwise go to Apple first and then have nowhere to be kept.
 */
export async function requireKeychain(secrets: SecretStore, outcome: string): Promise<void> {
  try {
    await secrets.list();
  } catch (error) {
    if (error instanceof KeychainUnavailableError) throw new KeychainUnavailableError(error.reason, outcome);
    throw error;
  }
}
