import type { EventName, EventPayload } from '../../preload/contract';
import type { WorkScope } from '../distribution/scope-access';
import type { EventBus, EventListener } from './event-bus';

/** The visibility rules events are checked against (ScopeAccess). */
export interface AudienceRules {
  seesGroups(adminId: number, groupIds: readonly number[]): boolean;
  seesServices(adminId: number, serviceIds: readonly number[]): boolean;
  seesWork(adminId: number, work: WorkScope): boolean;
}

type Rule<E extends EventName> = (rules: AudienceRules, adminId: number, payload: EventPayload<E>) => boolean;

// One rule per event, so a new event cannot reach windows before someone decides who hears it.
const audiences: { [E in EventName]: Rule<E> } = {
  'directory.changed': (rules, adminId, { groupIds }) => rules.seesGroups(adminId, groupIds),
  'distribution.changed': (rules, adminId, { serviceIds }) => rules.seesServices(adminId, serviceIds),
  'sync.changed': (rules, adminId, { serviceIds }) => rules.seesServices(adminId, serviceIds),
  'jobs.progress': (rules, adminId, job) => rules.seesWork(adminId, job.scope),
  // Whether Apple answers, and a file handed to the app, concern whoever is signed in.
  'app.connectivity': () => true,
  'tokens.fileOpened': () => true,
};

/** Whether the admin may receive this event: its ids name groups, services or work they may see. */
export function mayHear<E extends EventName>(rules: AudienceRules, adminId: number, name: E, payload: EventPayload<E>): boolean {
  return (audiences[name] as Rule<E>)(rules, adminId, payload);
}

/**
 * Delivers to one window or browser tab the events its session may see.
 *
 * The session is read at each event, so a tab hears nothing before its admin signs in or
 * after they sign out (or are disabled), and a tab nobody signed in on hears nothing at all.
 */
export function subscribeSession(
  bus: EventBus,
  rules: AudienceRules,
  signedIn: () => { id: number } | null,
  listener: EventListener,
): () => void {
  return bus.subscribe((name, payload) => {
    const admin = signedIn();
    if (admin && mayHear(rules, admin.id, name, payload as EventPayload<typeof name>)) listener(name, payload);
  });
}
