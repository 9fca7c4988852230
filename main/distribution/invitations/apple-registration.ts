import type { VppUser } from '../../apple/model/vpp-user';
import type { TokenRun } from '../token-service';

/** Apple's "a user with this clientUserId already exists": for us, already registered. */
export const ALREADY_REGISTERED = 9716;

/** Below this many people, one filtered /users read each beats paging through everyone. */
const FILTERED_READ_LIMIT = 25;
const PARALLEL_READS = 5;

export interface RegistrationOutcome {
  /** Apple users this run created. */
  created: number;
  /** clientUserId → why Apple would not register them. */
  failures: Map<string, string>;
}

/** A person to register; a Managed Apple ID makes Apple associate them at once, with no invitation. */
export interface Registrant {
  clientUserId: string;
  email: string | null;
  managedAppleId?: string | null;
}

/**
 * Creates Apple users for people Apple does not know yet, in batches within Apple's limits,
 * and waits for each batch's event.
 *
 * A 9716 failure means Apple had the user already (an earlier run, another admin's app, or
 * a cache older than Apple): that person is registered, which is all the invitation needs.
 */
export async function registerWithApple(run: TokenRun, users: readonly Registrant[], signal: AbortSignal): Promise<RegistrationOutcome> {
  const outcome: RegistrationOutcome = { created: 0, failures: new Map() };
  if (users.length === 0) return outcome;
  const changes = users.map((u) => ({
    clientUserId: u.clientUserId,
    ...(u.email ? { email: u.email } : {}),
    ...(u.managedAppleId ? { managedAppleId: u.managedAppleId } : {}),
  }));
  const submitted = await run((client) => client.submitInBatches({ type: 'CREATE', users: changes }, signal));
  for (const event of submitted) {
    const result = await run((client) => client.waitForEvent(event, signal));
    const ids = event.request.type === 'CREATE' ? event.request.users.map((u) => u.clientUserId) : [];
    const failed = new Set<string>();
    for (const failure of result.failures) {
      for (const id of failure.clientUserIds) {
        failed.add(id);
        if (failure.errorNumber !== ALREADY_REGISTERED) outcome.failures.set(id, failure.message);
      }
    }
    if (result.state === 'FAILED' && result.failures.length === 0) {
      for (const id of ids) outcome.failures.set(id, 'Apple could not register this user. Try again later.');
      continue;
    }
    outcome.created += ids.filter((id) => !failed.has(id)).length;
  }
  return outcome;
}

/**
 * Apple's current record of each person, for their invite codes.
 *
 * A few people are read one by one with the clientUserId filter; many are found in one paged
 * read of the location's users (several hundred a page, five pages in flight).
 */
export async function readAppleUsers(run: TokenRun, clientUserIds: readonly string[], signal: AbortSignal): Promise<Map<string, VppUser>> {
  const found = new Map<string, VppUser>();
  if (clientUserIds.length === 0) return found;
  if (clientUserIds.length <= FILTERED_READ_LIMIT) {
    const queue = [...clientUserIds];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const wanted = id;
        await run(async (client) => {
          for await (const page of client.readUsers({ clientUserId: wanted }, signal)) {
            for (const user of page.items) if (user.clientUserId === wanted) found.set(wanted, user);
          }
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, queue.length) }, worker));
    return found;
  }
  const wanted = new Set(clientUserIds);
  await run(async (client) => {
    for await (const page of client.readUsers({}, signal)) {
      for (const user of page.items) if (wanted.has(user.clientUserId)) found.set(user.clientUserId, user);
    }
  });
  return found;
}
