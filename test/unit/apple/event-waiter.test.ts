import { describe, expect, it } from 'vitest';
import { AppleApiError } from '../../../main/apple/errors/apple-api-error';
import { waitForEvent, type EventWaitDeps, type EventWaitSettings } from '../../../main/apple/client/event-waiter';
import type { EventState, EventStatus } from '../../../main/apple/model/event-status';
import type { EventRequest, SubmittedEvent } from '../../../main/apple/model/write-requests';
import { fakeTime } from '../../support/apple/fake-time';

const settings: EventWaitSettings = { pollIntervalMs: 30_000, resendAfterMs: 600_000, maxResends: 2 };
const request: EventRequest = { type: 'ASSOCIATE', licenses: { assets: [{ adamId: '1' }], clientUserIds: ['u'] } };

function status(eventId: string, state: EventState): EventStatus {
  return { eventId, state, type: 'ASSOCIATE', numCompleted: state === 'PENDING' ? 0 : 1, numRequested: 1, failures: [] };
}

/** Apple as a script: each event id answers PENDING `pendingPolls` times, then COMPLETE. */
function scriptedApple(pendingPolls: Record<string, number>) {
  const time = fakeTime();
  const polls: string[] = [];
  const resubmitted: EventRequest[] = [];
  let nextId = 2;
  const deps: EventWaitDeps = {
    clock: time.clock,
    sleep: time.sleep,
    status: async (eventId) => {
      polls.push(eventId);
      const left = pendingPolls[eventId] ?? 0;
      pendingPolls[eventId] = left - 1;
      return status(eventId, left > 0 ? 'PENDING' : 'COMPLETE');
    },
    resubmit: async (sent): Promise<SubmittedEvent> => {
      resubmitted.push(sent);
      return { eventId: `e${nextId++}`, request: sent };
    },
  };
  return { deps, time, polls, resubmitted };
}

describe('waitForEvent', () => {
  it('polls at the interval until the event is done', async () => {
    const apple = scriptedApple({ e1: 3 });
    const outcome = await waitForEvent(apple.deps, { eventId: 'e1', request }, settings);
    expect(outcome).toMatchObject({ eventId: 'e1', state: 'COMPLETE', resends: 0, numCompleted: 1 });
    expect(apple.polls).toEqual(['e1', 'e1', 'e1', 'e1']);
    expect(apple.time.sleeps).toEqual([30_000, 30_000, 30_000, 30_000]);
  });

  it('sends the request again once it has been PENDING for the time limit', async () => {
    const apple = scriptedApple({ e1: 1000, e2: 1 });
    const outcome = await waitForEvent(apple.deps, { eventId: 'e1', request }, settings);
    expect(apple.polls.filter((id) => id === 'e1')).toHaveLength(20);
    expect(apple.resubmitted).toEqual([request]);
    expect(outcome).toMatchObject({ eventId: 'e2', state: 'COMPLETE', resends: 1 });
  });

  it('gives up after the allowed resends', async () => {
    const apple = scriptedApple({ e1: 1000, e2: 1000, e3: 1000 });
    const error = await waitForEvent(apple.deps, { eventId: 'e1', request }, settings).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppleApiError);
    expect((error as AppleApiError).code).toBe('APPLE_UNAVAILABLE');
    expect((error as AppleApiError).message).toBe('Apple has not finished this request after 30 minutes. Check the licenses later and try again if needed.');
    expect(apple.resubmitted).toHaveLength(2);
  });

  it('cannot resend an event known only by its id, and says so at the time limit', async () => {
    const apple = scriptedApple({ e1: 1000 });
    await expect(waitForEvent(apple.deps, 'e1', settings)).rejects.toThrow(
      'Apple has not finished this request after 10 minutes. Check the licenses later and try again if needed.',
    );
    expect(apple.resubmitted).toEqual([]);
  });

  it('stops when the caller cancels', async () => {
    const apple = scriptedApple({ e1: 1000 });
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the admin'));
    await expect(waitForEvent(apple.deps, 'e1', settings, controller.signal)).rejects.toThrow('cancelled by the admin');
  });
});
