import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import { createOsSecretStore } from '../../main/keychain/os-secret-store';
import type { SecretStore } from '../../main/keychain/secret-store';

/**
 * The real OS keychain under a service name of the test's own, emptied after each test.
 *
 * Run through `npm test` (or `npm run test:one`), which starts a private Secret Service on Linux.
 */
export function useTestSecretStore(): () => SecretStore {
  const stores: SecretStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) {
      for (const account of await store.list()) await store.delete(account);
    }
  });
  return () => {
    const store = createOsSecretStore(`com.manageddistribution.test.${randomUUID()}`);
    stores.push(store);
    return store;
  };
}
