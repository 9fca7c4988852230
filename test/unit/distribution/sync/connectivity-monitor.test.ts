import { describe, expect, it } from 'vitest';
import { AppleApiError } from '../../../../main/apple/errors/apple-api-error';
import { AppleWaitError } from '../../../../main/apple/errors/apple-wait-error';
import { ConnectivityMonitor } from '../../../../main/distribution/sync/connectivity-monitor';
import { EventBus } from '../../../../main/events/event-bus';

const at = new Date('2026-11-24T08:00:00Z');
const unavailable = (httpStatus: number | null) =>
  new AppleApiError('APPLE_UNAVAILABLE', 'Could not reach Apple.', { appleErrorNumber: null, httpStatus, appleMessage: null });

function monitor() {
  const bus = new EventBus();
  const events: unknown[] = [];
  bus.subscribe((name, payload) => name === 'app.connectivity' && events.push(payload));
  return { events, connectivity: new ConnectivityMonitor(bus, { now: () => at }) };
}

describe('connectivity', () => {
  it('starts online and never checked', () => {
    expect(monitor().connectivity.current()).toEqual({ online: true, message: null, checkedAt: null });
  });

  it('no answer, or only 5xx after the retries, is offline; any answer from Apple is online', () => {
    const { connectivity, events } = monitor();
    connectivity.failed(unavailable(null));
    expect(connectivity.current()).toEqual({ online: false, message: 'Could not reach Apple.', checkedAt: at.toISOString() });
    connectivity.failed(unavailable(503));
    connectivity.failed(new AppleApiError('TOKEN_REVOKED', 'Revoked.', { appleErrorNumber: 9625, httpStatus: 401, appleMessage: null }));
    expect(connectivity.current().online).toBe(true);
    connectivity.failed(unavailable(429));
    connectivity.answered();
    expect(events).toEqual([
      { online: false, message: 'Could not reach Apple.', checkedAt: at.toISOString() },
      { online: true, message: null, checkedAt: at.toISOString() },
    ]);
  });

  it('Apple asking us to wait (a 503 with a long Retry-After) is an answer: still online', () => {
    const { connectivity } = monitor();
    connectivity.failed(new AppleWaitError(new Date(at.getTime() + 600_000), 600_000, { appleErrorNumber: null, httpStatus: 503 }));
    expect(connectivity.current()).toEqual({ online: true, message: null, checkedAt: at.toISOString() });
  });

  it('a cancelled call or a bug says nothing about the network', () => {
    const { connectivity, events } = monitor();
    connectivity.failed(new DOMException('aborted', 'AbortError'));
    connectivity.failed(new Error('bug'));
    expect(connectivity.current().checkedAt).toBeNull();
    expect(events).toEqual([]);
  });
});
