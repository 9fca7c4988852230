import { AsyncEntry, findCredentialsAsync, type EntryOptions } from '@napi-rs/keyring';
import { KeychainUnavailableError } from './keychain-unavailable-error';
import type { SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'com.manageddistribution.desktop';

// On Linux the library may otherwise pick the kernel keyring, which forgets everything at
// logout: pin the Secret Service so a missing one is an error, not a silent downgrade.
const entryOptions: EntryOptions = { linux: { store: 'secret-service' } };

async function keychainCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new KeychainUnavailableError(error instanceof Error ? error.message : String(error));
  }
}

/** The real OS keychain: Keychain on macOS, Credential Manager on Windows, Secret Service on Linux. */
export function createOsSecretStore(service: string = KEYCHAIN_SERVICE): SecretStore {
  const entry = (account: string) => new AsyncEntry(service, account, entryOptions);
  return {
    set: (account, secret) => keychainCall(() => entry(account).setPassword(secret)),
    get: (account) => keychainCall(() => entry(account).getPassword()),
    delete: (account) => keychainCall(() => entry(account).deleteCredential()),
    list: () => keychainCall(async () => (await findCredentialsAsync(service)).map((c) => c.account)),
  };
}

/** Whether the keychain answers at all; the app shows the message when it does not. */
export async function probeSecretStore(store: SecretStore): Promise<{ available: boolean; message: string | null }> {
  try {
    await store.list();
    return { available: true, message: null };
  } catch (error) {
    return { available: false, message: error instanceof Error ? error.message : String(error) };
  }
}
