import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOsSecretStore } from '../../../main/keychain/os-secret-store';
import { withOrganization } from '../../support/directory-app';
import { appleConfigFor, useSandboxes } from '../../support/sandbox';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';

// This file runs in its own process (vitest forks per file), so cutting the session bus off
// here does not affect the other keychain tests.
delete process.env.DBUS_SESSION_BUS_ADDRESS;
const emptyRuntimeDir = mkdtempSync(join(tmpdir(), 'md-no-bus-'));
process.env.XDG_RUNTIME_DIR = emptyRuntimeDir;
afterAll(() => rmSync(emptyRuntimeDir, { recursive: true, force: true }));

const startSandbox = useSandboxes();
const startApp = useTestApps();
const tempDir = useTempDirs();

describe.runIf(process.platform === 'linux')('Add Token without a keychain', () => {
  it('is refused with its own code before the token reaches Apple, and nothing is stored', async () => {
    const sandbox = await startSandbox();
    const location = sandbox.createLocation({ name: 'North High Location' });
    const app = startApp(tempDir(), createOsSecretStore('com.manageddistribution.test.nobus'), appleConfigFor(sandbox));
    const root = await withOrganization(app);
    const service = await root.ok('services.create', { groupId: 1, name: 'District apps' });
    sandbox.resetTraffic();

    const answer = await root.call('tokens.add', { serviceId: service.id, token: sandbox.mintToken(location.id), makeActive: true, checkId: randomUUID() });

    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'KEYCHAIN_UNAVAILABLE',
        message: expect.stringMatching(
          /^The token was not added, and nothing was sent to Apple\. The system keychain is not available, so secrets such as Apple tokens cannot be stored or read\. .* Details: /,
        ),
      },
    });
    expect(sandbox.recordedRequests()).toEqual([]);
    expect(sandbox.mdmInfoOf(location.id)).toBeNull();
    expect((await root.ok('services.list', { groupId: 1 }))[0]).toMatchObject({ tokens: [], locationUid: null });
  });
});
