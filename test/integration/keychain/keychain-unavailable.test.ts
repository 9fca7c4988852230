import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeychainUnavailableError } from '../../../main/keychain/keychain-unavailable-error';
import { createOsSecretStore, probeSecretStore } from '../../../main/keychain/os-secret-store';

// This file runs in its own process (vitest forks per file), so cutting the session bus off
// here does not affect the other keychain tests.
delete process.env.DBUS_SESSION_BUS_ADDRESS;
const emptyRuntimeDir = mkdtempSync(join(tmpdir(), 'md-no-bus-'));
process.env.XDG_RUNTIME_DIR = emptyRuntimeDir;
afterAll(() => rmSync(emptyRuntimeDir, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('without a Secret Service', () => {
  it('refuses to store a secret, with a message saying what is missing', async () => {
    const store = createOsSecretStore('com.manageddistribution.test.nobus');
    const attempt = store.set('token:1', 'must not be written anywhere');
    await expect(attempt).rejects.toBeInstanceOf(KeychainUnavailableError);
    await expect(store.get('token:1')).rejects.toThrow(
      /The system keychain is not available, so secrets such as Apple tokens cannot be stored or read\. .*Secret Service .* must be running and unlocked\. Details: /,
    );
  });

  it('is reported as unavailable, never silently replaced', async () => {
    const status = await probeSecretStore(createOsSecretStore('com.manageddistribution.test.nobus'));
    expect(status.available).toBe(false);
    expect(status.message).toMatch(/^The system keychain is not available/);
  });
});
