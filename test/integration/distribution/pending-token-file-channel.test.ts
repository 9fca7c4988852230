import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../main/app';
import { MAX_TOKEN_FILE_CHARS } from '../../../main/distribution/token-file-reader';
import { createMemorySecretStore } from '../../../main/keychain/memory-secret-store';
import { PendingTokenFile } from '../../../main/window/pending-token-file';
import { withOrganization } from '../../support/directory-app';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const apps: App[] = [];
afterEach(() => apps.splice(0).forEach((app) => app.close()));

async function signedIn(pendingTokenFile?: { take(): string | null }) {
  const app = createApp({ dataDir: tempDir(), secrets: createMemorySecretStore(), autoSync: false, pendingTokenFile, logError: () => {} });
  apps.push(app);
  return { app, root: await withOrganization(app) };
}

function tokenFile(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

describe('tokens.pendingFile', () => {
  it('hands the opened .vpptoken file to the renderer once', async () => {
    const pending = new PendingTokenFile();
    const { root } = await signedIn(pending);
    pending.offer(tokenFile('North High.vpptoken', 'eyJ0b2tlbiI6ImFiYyJ9'));
    expect(await root.ok('tokens.pendingFile', {})).toEqual({ fileName: 'North High.vpptoken', text: 'eyJ0b2tlbiI6ImFiYyJ9' });
    expect(await root.ok('tokens.pendingFile', {})).toBeNull();
  });

  it('answers null in browser mode, which has no pending file', async () => {
    const { root } = await signedIn();
    expect(await root.ok('tokens.pendingFile', {})).toBeNull();
  });

  it('refuses a file too large to be a token, saying why', async () => {
    const { root } = await signedIn({ take: () => tokenFile('huge.vpptoken', 'A'.repeat(MAX_TOKEN_FILE_CHARS + 1)) });
    const result = await root.call('tokens.pendingFile', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('too large') } });
  });

  it('refuses a file that is not a .vpptoken even if a port hands one over', async () => {
    const { root } = await signedIn({ take: () => tokenFile('passwords.txt', 'secret') });
    expect(await root.call('tokens.pendingFile', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('says so when the file has gone since it was opened', async () => {
    const { root } = await signedIn({ take: () => join(tempDir(), 'gone.vpptoken') });
    expect(await root.call('tokens.pendingFile', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('gone.vpptoken') } });
  });

  it('refuses a folder named like a token file', async () => {
    const { root } = await signedIn({ take: () => tempDir() + '.vpptoken' });
    expect((await root.call('tokens.pendingFile', {})).ok).toBe(false);
  });

  it('is refused before sign-in and leaves the file waiting', async () => {
    const pending = new PendingTokenFile();
    const { app } = await signedIn(pending);
    const path = tokenFile('a.vpptoken', 'x');
    pending.offer(path);
    expect(await app.dispatch('tokens.pendingFile', {}, 'stranger')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(pending.take()).toBe(path);
  });
});
