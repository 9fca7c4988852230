import type { SecretStore } from './secret-store';

/**
 * The keychain entries of one data folder.
 *
 * Every data folder numbers its tokens from 1, so two folders on one computer (a second
 * `--data-dir`, a test run) would otherwise overwrite each other's `token:1`. Accounts are
 * prefixed with the folder's installation id, and `list` sees only its own.
 */
export function namespacedSecretStore(store: SecretStore, namespace: string): SecretStore {
  const prefix = `${namespace}/`;
  return {
    set: (account, secret) => store.set(prefix + account, secret),
    get: (account) => store.get(prefix + account),
    delete: (account) => store.delete(prefix + account),
    list: async () => (await store.list()).filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length)),
  };
}
