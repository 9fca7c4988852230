import type { AppleEventType } from '../../wire/apple-event';
import type { EventWork } from '../state/event-store';
import { newEventId } from '../state/random-ids';
import type { ApiContext } from './api-context';

/**
 * Accepts a write as an event that stays PENDING for the configured delay, as Apple's do.
 *
 * A stalled event never becomes due, so the client's resend after Apple's time limit can be
 * tested.
 */
export function acceptEvent({ world, location }: ApiContext, type: AppleEventType, work: EventWork): { eventId: string } {
  const stalled = world.stalledEvents > 0;
  if (stalled) world.stalledEvents -= 1;
  const eventId = newEventId();
  location.events.add({
    eventId,
    type,
    work,
    dueAt: stalled ? Infinity : world.now().getTime() + world.settings.eventDelayMs,
    state: 'PENDING',
    numCompleted: 0,
    numRequested: 0,
    failures: [],
  });
  return { eventId };
}
