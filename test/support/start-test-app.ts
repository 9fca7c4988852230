import { afterEach } from 'vitest';
import { createApp, type App } from '../../main/app';
import type { SecretStore } from '../../main/keychain/secret-store';

/** createApp on a real data folder, closed after the test; errors the app logs are kept. */
export function useTestApps(): (dataDir: string, secrets: SecretStore) => App & { logged: unknown[] } {
  const apps: App[] = [];
  afterEach(() => {
    for (const app of apps.splice(0)) app.close();
  });
  return (dataDir, secrets) => {
    const logged: unknown[] = [];
    const app = createApp({ dataDir, secrets, logError: (_message, error) => logged.push(error) });
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
