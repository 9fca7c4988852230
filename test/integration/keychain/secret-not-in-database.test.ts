import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { organization, useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startApp = useTestApps();

function dataFolderBytes(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');
}

describe('secrets stay out of the data folder', () => {
  it('neither the admin password nor a keychain secret is written to the SQLite files', async () => {
    const dataDir = tempDir();
    const secrets = newSecrets();
    const app = startApp(dataDir, secrets);
    const tokenSecret = 'eyJ0b2tlbiI6IlNFQ1JFVC1TVE9LRU4tVkFMVUUiLCJvcmdOYW1lIjoiT1JHIn0=';

    await app.dispatch('setup.createOrganization', organization, 'w1');
    await secrets.set('token:1', tokenSecret);
    await app.dispatch('auth.signIn', { email: organization.email, password: organization.password }, 'w2');
    expect(await secrets.get('token:1')).toBe(tokenSecret);

    // WAL and main file both, while open and after close.
    for (const bytes of [dataFolderBytes(dataDir), (app.close(), dataFolderBytes(dataDir))]) {
      expect(bytes).toContain('Springfield District');
      expect(bytes).not.toContain(organization.password);
      expect(bytes).not.toContain(tokenSecret);
      expect(bytes).not.toContain('SECRET-STOKEN-VALUE');
    }
  });
});
