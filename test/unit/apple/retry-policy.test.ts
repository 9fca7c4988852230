import { describe, expect, it } from 'vitest';
import type { RequestFailure } from '../../../main/apple/client/request-failure';
import { retryAfterMillis } from '../../../main/apple/client/retry-after';
import { backoffDelay, retryDelay, type RetryContext, type RetrySettings } from '../../../main/apple/client/retry-policy';

const now = new Date('2026-03-02T09:00:00Z');
const settings: RetrySettings = { maxAttempts: 5, maxTotalMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 8_000, maxHeldWaitMs: 30_000 };

function context(overrides: Partial<RetryContext> = {}): RetryContext {
  return { attempt: 1, elapsedMs: 0, now, random: () => 0.5, ...overrides };
}

const status = (httpStatus: number, retryAfter: string | null = null): RequestFailure => ({ kind: 'http-status', httpStatus, retryAfter });
const apple = (errorNumber: number, httpStatus: number, retryAfter: string | null = null): RequestFailure => ({
  kind: 'apple-error',
  errorNumber,
  httpStatus,
  retryAfter,
});

describe('Retry-After', () => {
  it('reads whole seconds', () => {
    expect(retryAfterMillis('7', now)).toBe(7_000);
    expect(retryAfterMillis(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until then', () => {
    expect(retryAfterMillis('Mon, 02 Mar 2026 09:00:30 GMT', now)).toBe(30_000);
  });

  it('treats an HTTP date in the past as "now"', () => {
    expect(retryAfterMillis('Mon, 02 Mar 2026 08:00:00 GMT', now)).toBe(0);
  });

  it.each([null, '', 'soon', '-5', '1.5'])('ignores %j', (header) => {
    expect(retryAfterMillis(header, now)).toBeNull();
  });
});

describe('retryDelay', () => {
  it('honours Retry-After in seconds on 503', () => {
    expect(retryDelay(status(503, '7'), context(), settings)).toBe(7_000);
  });

  it('honours Retry-After as an HTTP date, even beyond one backoff step', () => {
    expect(retryDelay(status(503, 'Mon, 02 Mar 2026 09:00:20 GMT'), context(), settings)).toBe(20_000);
  });

  it('honours Retry-After on 429 too', () => {
    expect(retryDelay(apple(9646, 429, '3'), context(), settings)).toBe(3_000);
  });

  it('backs off exponentially with jitter on 9646 and 429 without Retry-After', () => {
    for (const failure of [apple(9646, 429), apple(9646, 200), status(429)]) {
      for (const [attempt, step] of [[1, 1_000], [2, 2_000], [3, 4_000], [4, 8_000]] as const) {
        expect(retryDelay(failure, context({ attempt, random: () => 0 }), settings)).toBe(step / 2);
        expect(retryDelay(failure, context({ attempt, random: () => 0.999999 }), settings)).toBe(step);
      }
    }
  });

  it('keeps every backoff step within [step/2, step] and under the cap', () => {
    const many: RetrySettings = { ...settings, maxAttempts: 20, maxTotalMs: Infinity };
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let attempt = 1; attempt < 20; attempt++) {
      const step = Math.min(many.maxDelayMs, many.baseDelayMs * 2 ** (attempt - 1));
      const delay = backoffDelay(attempt, many, random);
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
      expect(delay).toBeLessThanOrEqual(many.maxDelayMs);
    }
  });

  it.each<[string, RequestFailure]>([
    ['5xx', status(502)],
    ['9603 with 500', apple(9603, 500)],
    ['9610 (license not found yet)', apple(9610, 200)],
    ['9644 (maintenance)', apple(9644, 503)],
    ['an unknown error number with 503', apple(9999, 503)],
    ['a network error', { kind: 'network', cause: new Error('ECONNRESET') }],
    ['a timeout', { kind: 'timeout', timeoutMs: 30_000 }],
    ['an unreadable answer', { kind: 'malformed-answer', httpStatus: 200 }],
  ])('retries %s', (_name, failure) => {
    expect(retryDelay(failure, context(), settings)).toBe(750);
  });

  it.each<[string, RequestFailure]>([
    ['400', status(400)],
    ['401', status(401)],
    ['404', status(404)],
    ['9622 answered with HTTP 200', apple(9622, 200)],
    ['9625 revoked', apple(9625, 401)],
    ['9700 over a limit', apple(9700, 400)],
    ['9721 invalid versionId', apple(9721, 400)],
    ['an unknown error number with 400', apple(9999, 400)],
    ['a 4xx even with Retry-After', status(400, '1')],
  ])('never retries %s', (_name, failure) => {
    expect(retryDelay(failure, context(), settings)).toBeNull();
  });

  it('stops after maxAttempts attempts', () => {
    expect(retryDelay(status(503), context({ attempt: 4 }), settings)).not.toBeNull();
    expect(retryDelay(status(503), context({ attempt: 5 }), settings)).toBeNull();
  });

  it('stops when the wait would end past the total time allowed', () => {
    expect(retryDelay(status(503, '10'), context({ elapsedMs: 50_000 }), settings)).toBe(10_000);
    expect(retryDelay(status(503, '11'), context({ elapsedMs: 50_000 }), settings)).toBeNull();
    expect(retryDelay(status(503, '3600'), context(), settings)).toBeNull();
  });
});
