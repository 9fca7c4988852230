import { describe, expect, it } from 'vitest';
import { RetryAfterGate } from '../../../main/apple/client/retry-after-gate';
import { AppleWaitError } from '../../../main/apple/errors/apple-wait-error';
import { clockTime } from '../../../main/clock/clock-time';
import { caught, startSandboxHarness } from '../../support/apple/sandbox-harness';

describe('recovering from what Apple does on a bad day', () => {
  it('waits as long as Retry-After says (seconds) on 503, then succeeds', async () => {
    const { client, sandbox, time } = await startSandboxHarness();
    sandbox.injectFaults({ kind: 'unavailable', retryAfter: '7' }, { path: '/client/config', count: 2 });
    expect((await client.getClientConfig()).locationName).toBe('Lincoln Elementary');
    expect(time.sleeps).toEqual([7_000, 7_000]);
    expect(sandbox.trafficStats().requests).toBe(3);
  });

  it('waits until the HTTP date of Retry-After on 503', async () => {
    const { client, sandbox, time } = await startSandboxHarness();
    const at = new Date(time.clock.now().getTime() + 25_000).toUTCString();
    sandbox.injectFaults({ kind: 'unavailable', retryAfter: at }, { path: '/client/config' });
    await client.getClientConfig();
    expect(time.sleeps).toEqual([25_000]);
  });

  it('backs off exponentially with jitter on 429 / 9646', async () => {
    const { clientWith, sandbox, time } = await startSandboxHarness();
    const client = clientWith({ random: () => 0, retry: { baseDelayMs: 1_000, maxAttempts: 5 } });
    sandbox.injectFaults({ kind: 'rate-limited' }, { path: '/assets', count: 3 });
    expect(await client.readAssets().all()).toEqual([]);
    expect(time.sleeps).toEqual([500, 1_000, 2_000]);
  });

  it('retries 500 / 9603, a dropped connection, a timeout and unreadable JSON', async () => {
    const { clientWith, sandbox, time } = await startSandboxHarness();
    const client = clientWith({ requestTimeoutMs: 100, retry: { maxAttempts: 5 } });
    sandbox.injectFaults({ kind: 'internal-error' }, { path: '/client/config' });
    sandbox.injectFaults({ kind: 'drop-connection' }, { path: '/client/config' });
    sandbox.injectFaults({ kind: 'slow', delayMs: 400 }, { path: '/client/config' });
    sandbox.injectFaults({ kind: 'malformed-json' }, { path: '/client/config' });
    expect((await client.getClientConfig()).locationName).toBe('Lincoln Elementary');
    expect(time.sleeps).toHaveLength(4);
    expect(sandbox.trafficStats().requests).toBe(5);
  });

  it('reports Apple unavailable once the attempts are spent, without retrying for ever', async () => {
    const { clientWith, sandbox } = await startSandboxHarness();
    const client = clientWith({ retry: { maxAttempts: 4 } });
    sandbox.injectFaults({ kind: 'internal-error' }, { path: '/client/config', count: 100 });
    await expect(client.getClientConfig()).rejects.toMatchObject({
      code: 'APPLE_UNAVAILABLE',
      appleErrorNumber: 9603,
      message: "Apple's service had an internal error. Try again in a few minutes.",
    });
    expect(sandbox.trafficStats().requests).toBe(4);
  });

  it('reports a dropped connection that keeps happening as Apple unreachable', async () => {
    const { clientWith, sandbox } = await startSandboxHarness();
    const client = clientWith({ retry: { maxAttempts: 2 } });
    sandbox.injectFaults({ kind: 'drop-connection' }, { path: '/client/config', count: 2 });
    await expect(client.getClientConfig()).rejects.toMatchObject({
      code: 'APPLE_UNAVAILABLE',
      message: "Could not reach Apple's service. Check the internet connection and try again.",
    });
  });

  it('reports a request that never answers in time', async () => {
    const { clientWith, sandbox } = await startSandboxHarness();
    const client = clientWith({ requestTimeoutMs: 50, retry: { maxAttempts: 2 } });
    sandbox.injectFaults({ kind: 'slow', delayMs: 300 }, { path: '/client/config', count: 2 });
    await expect(client.getClientConfig()).rejects.toMatchObject({ code: 'APPLE_UNAVAILABLE', message: expect.stringContaining('did not answer within') });
  });

  it('ends the call at once when Retry-After asks for longer than a call may hold, naming when to try again', async () => {
    const { client, sandbox, time } = await startSandboxHarness();
    sandbox.injectFaults({ kind: 'unavailable', retryAfter: '120' }, { path: '/client/config' });
    const retryAt = new Date(time.clock.now().getTime() + 120_000);
    const error = await caught(() => client.getClientConfig());
    expect(error).toBeInstanceOf(AppleWaitError);
    expect(error).toMatchObject({
      code: 'APPLE_UNAVAILABLE',
      httpStatus: 503,
      message: `Apple asked us to wait 2 minutes; try again after ${clockTime(retryAt)}.`,
      details: expect.objectContaining({ retryAt: retryAt.toISOString() }),
    });
    expect(time.sleeps).toEqual([]);
    expect(sandbox.trafficStats().requests).toBe(1);
  });

  it('sends nothing with the token before the time Retry-After named, whichever request was told', async () => {
    const { client, clientWith, sandbox, time } = await startSandboxHarness();
    const gate = new RetryAfterGate();
    const sync = clientWith({ gate });
    const check = clientWith({ gate });
    sandbox.injectFaults({ kind: 'unavailable', retryAfter: new Date(time.clock.now().getTime() + 300_000).toUTCString() }, { path: '/assets' });
    await expect(sync.readAssets().all()).rejects.toBeInstanceOf(AppleWaitError);

    time.advance(60_000);
    await expect(check.getClientConfig()).rejects.toMatchObject({ message: expect.stringMatching(/^Apple asked us to wait 4 minutes; try again after \d\d:\d\d\.$/) });
    expect(sandbox.trafficStats().requests).toBe(1);
    // A client that does not share the gate (another token) is not held back.
    expect((await client.getClientConfig()).locationName).toBe('Lincoln Elementary');

    time.advance(240_000);
    expect((await check.getClientConfig()).locationName).toBe('Lincoln Elementary');
    expect(sandbox.trafficStats().requests).toBe(3);
  });

  it('sits out a short wait asked before, then sends', async () => {
    const { clientWith, sandbox, time } = await startSandboxHarness();
    const client = clientWith({ retry: { maxAttempts: 2 } });
    sandbox.injectFaults({ kind: 'unavailable', retryAfter: '20' }, { path: '/client/config', count: 2 });
    await expect(client.getClientConfig()).rejects.toMatchObject({ message: expect.stringMatching(/^Apple asked us to wait 20 seconds; try again after/) });
    expect(time.sleeps).toEqual([20_000]);
    expect((await client.getClientConfig()).locationName).toBe('Lincoln Elementary');
    expect(time.sleeps).toEqual([20_000, 20_000]);
    expect(sandbox.trafficStats().requests).toBe(3);
  });

  it('reads an error body sent with HTTP 200 as the error it is, without retrying', async () => {
    const { client, sandbox } = await startSandboxHarness();
    sandbox.injectFaults({ kind: 'error-body', errorNumber: 9622 }, { path: '/assets' });
    await expect(client.readAssets().all()).rejects.toMatchObject({ code: 'TOKEN_INVALID', appleErrorNumber: 9622, httpStatus: 200 });
    expect(sandbox.trafficStats().requests).toBe(1);
  });

  it('never retries a 4xx answer', async () => {
    const { client, sandbox } = await startSandboxHarness();
    sandbox.injectFaults({ kind: 'error-body', errorNumber: 9602, httpStatus: 400 }, { path: '/client/config' });
    await expect(client.getClientConfig()).rejects.toMatchObject({ code: 'VALIDATION', appleErrorNumber: 9602 });
    expect(sandbox.trafficStats().requests).toBe(1);
  });

  it('recovers a page of a parallel read that failed', async () => {
    const { client, sandbox, location } = await startSandboxHarness({ pageSize: 10 });
    sandbox.generate(location.id, { seed: 3, apps: 5, users: 40, assignments: 95 });
    const rows = await (async () => {
      const read = client.readAssignments();
      const items = [];
      for await (const page of read) {
        if (page.pageIndex === 0) sandbox.injectFaults({ kind: 'internal-error' }, { path: '/assignments', count: 2 });
        items.push(...page.items);
      }
      return items;
    })();
    expect(rows).toHaveLength(95);
  });
});
