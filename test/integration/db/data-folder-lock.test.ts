import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../../main/db/data-folder-lock';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const startApp = useTestApps();
const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();

/** A process that runs until killed, standing for another copy of the app. */
function otherProcess() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { pid: child.pid!, stop: async () => (child.kill('SIGKILL'), await exited) };
}

describe('one app per data folder', () => {
  it('refuses a second app on a folder another one has open, saying what to do, and lets it open once the first closed', () => {
    const dataDir = tempDir();
    const secrets = newSecrets();
    const first = startApp(dataDir, secrets);
    expect(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')).toBe(String(process.pid));
    expect(() => startApp(dataDir, secrets)).toThrow(
      `Another copy of Managed Distribution (process ${process.pid}) is using the data folder ${dataDir}. Close it first, or choose another folder with --data-dir.`,
    );
    first.close();
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    expect(() => startApp(dataDir, secrets)).not.toThrow();
  });

  it('refuses while another process holds the folder, and takes over a lock its owner left by dying', async () => {
    const dataDir = tempDir();
    const other = otherProcess();
    writeFileSync(join(dataDir, LOCK_FILE_NAME), String(other.pid));
    expect(() => startApp(dataDir, newSecrets())).toThrow(`(process ${other.pid}) is using the data folder`);
    await other.stop();
    startApp(dataDir, newSecrets());
    expect(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')).toBe(String(process.pid));
  });
});
