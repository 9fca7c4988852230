import type { SecretStore } from './secret-store';

/**
 * Secrets kept in memory for the life of the process: demo mode only.
 *
 * Demo tokens are minted by the in-process sandbox and unlock nothing real, so the demo
 * works on a machine whose keychain is locked; real tokens never go here.
 */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    set: async (account, secret) => void secrets.set(account, secret),
    get: async (account) => secrets.get(account) ?? null,
    delete: async (account) => secrets.delete(account),
    list: async () => [...secrets.keys()],
  };
}
