import { afterEach } from 'vitest';
import { startAppleSandbox, type AppleSandbox, type AppleSandboxOptions } from '../../main/apple/sandbox/apple-sandbox';
import type { AppleConfig } from '../../main/app';

/** A sandbox Apple per test on 127.0.0.1, closed afterwards. */
export function useSandboxes(): (options?: AppleSandboxOptions) => Promise<AppleSandbox> {
  const running: AppleSandbox[] = [];
  afterEach(async () => {
    for (const sandbox of running.splice(0)) await sandbox.close();
  });
  return async (options) => {
    const sandbox = await startAppleSandbox(options);
    running.push(sandbox);
    return sandbox;
  };
}

/** The app's Apple settings for a sandbox, with retries that wait no real time. */
export function appleConfigFor(sandbox: AppleSandbox): AppleConfig {
  return { baseUrl: sandbox.baseUrl, lookupBaseUrl: sandbox.lookupBaseUrl, transport: { sleep: async () => undefined, random: () => 0.5 } };
}
