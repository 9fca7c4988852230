/**
 * Where secrets live: the OS keychain, one entry per account (e.g. `token:12`).
 *
 * Domain services take this port so they never touch the keychain library directly, and the
 * database only ever stores a fingerprint of a secret.
 */
export interface SecretStore {
  set(account: string, secret: string): Promise<void>;
  get(account: string): Promise<string | null>;
  /** True when there was a secret to delete. */
  delete(account: string): Promise<boolean>;
  /** The accounts that hold a secret. */
  list(): Promise<string[]>;
}
