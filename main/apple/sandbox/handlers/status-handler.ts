import { SandboxAppleError } from '../sandbox-apple-error';
import type { ApiHandler } from './api-context';
import { textParam } from './query-params';

/** GET /status?eventId=: PENDING until the event's time comes, then its result; it names the MDM that claimed the location, as Apple's does. */
export const getStatus: ApiHandler = ({ location, query }) => {
  const eventId = textParam(query, 'eventId');
  if (eventId === undefined) throw new SandboxAppleError(400, 9602);
  const event = location.events.get(eventId);
  if (!event) throw new SandboxAppleError(400, 9708);
  return {
    eventStatus: event.state,
    eventType: event.type,
    numCompleted: event.numCompleted,
    numRequested: event.numRequested,
    ...(event.failures.length > 0 ? { failures: event.failures } : {}),
    ...(location.mdmInfo ? { mdmInfo: location.mdmInfo } : {}),
  };
};
