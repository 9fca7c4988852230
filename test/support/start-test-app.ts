import { afterEach } from 'vitest';
import { createApp, type App, type AppleConfig } from '../../main/app';
import { installationId } from '../../main/db/installation-id';
import { namespacedSecretStore } from '../../main/keychain/namespaced-secret-store';
import type { SecretStore } from '../../main/keychain/secret-store';

/** createApp on a real data folder, without automatic sync, closed after the test; errors the app logs are kept. */
export function useTestApps(): (dataDir: string, secrets: SecretStore, apple?: AppleConfig) => App & { logged: unknown[] } {
  const apps: App[] = [];
  afterEach(() => {
    for (const app of apps.splice(0)) app.close();
  });
  return (dataDir, secrets, apple) => {
    const logged: unknown[] = [];
    const app = createApp({ dataDir, secrets, apple, autoSync: false, logError: (_message, error) => logged.push(error) });
    apps.push(app);
    return Object.assign(app, { logged });
  };
}

export const organization = {
  organizationName: 'Springfield District',
  adminName: 'Ada Admin',
  email: 'ada@springfield.edu',
  password: 'correct horse battery',
};

/** The keychain as one app's data folder sees it (its entries are namespaced per folder). */
export function appSecrets(app: App, secrets: SecretStore): SecretStore {
  return namespacedSecretStore(secrets, installationId(app.db));
}
