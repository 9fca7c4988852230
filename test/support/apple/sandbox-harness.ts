import { afterEach } from 'vitest';
import { AppleClient, type AppleClientOptions } from '../../../main/apple/client/apple-client';
import { AppleSandbox, startAppleSandbox, type AppleSandboxOptions } from '../../../main/apple/sandbox/apple-sandbox';
import type { SandboxLocationInfo } from '../../../main/apple/sandbox/state/sandbox-location';
import { fakeTime, type FakeTime } from './fake-time';

export interface SandboxHarness {
  sandbox: AppleSandbox;
  location: SandboxLocationInfo;
  token: string;
  time: FakeTime;
  client: AppleClient;
  /** Another client on the same sandbox and fake time, e.g. with a different token. */
  clientWith(options: Partial<AppleClientOptions>): AppleClient;
}

const open: AppleSandbox[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
});

/**
 * A sandbox on 127.0.0.1 with one location and a client for its token, on fake time.
 *
 * Polls every 5 ms of fake time and never really sleeps, so waiting for events and backing
 * off cost only the HTTP round trips. Closed after each test.
 */
export async function startSandboxHarness(
  options: AppleSandboxOptions & { client?: Partial<AppleClientOptions> } = {},
): Promise<SandboxHarness> {
  const sandbox = await startAppleSandbox(options);
  open.push(sandbox);
  const location = sandbox.createLocation({ name: 'Lincoln Elementary', orgName: 'Lincoln District' });
  const token = sandbox.mintToken(location.id);
  const time = fakeTime();
  const clientWith = (overrides: Partial<AppleClientOptions>): AppleClient =>
    new AppleClient({
      token,
      baseUrl: sandbox.baseUrl,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      requestTimeoutMs: 5_000,
      events: { pollIntervalMs: 5 },
      ...options.client,
      ...overrides,
    });
  return { sandbox, location, token, time, client: clientWith({}), clientWith };
}

/** Runs `action` and returns what it threw; fails the test if it did not throw. */
export async function caught(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the action to fail, but it succeeded.');
}
