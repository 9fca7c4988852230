import { appleUsersRequestSchema } from '../../wire/apple-user';
import { SandboxAppleError } from '../sandbox-apple-error';
import type { UserWork } from '../state/event-store';
import type { ApiContext, ApiHandler } from './api-context';
import { hasDuplicates } from './duplicates';
import { acceptEvent } from './event-submission';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** POST /users/create: a duplicate clientUserId fails in the event (9716), not here. */
export const createUsers: ApiHandler = (context) => acceptEvent(context, 'CREATE', { type: 'CREATE', users: userWork(context) });

export const updateUsers: ApiHandler = (context) => acceptEvent(context, 'UPDATE', { type: 'UPDATE', users: userWork(context) });

export const retireUsers: ApiHandler = (context) => acceptEvent(context, 'RETIRE', { type: 'RETIRE', users: userWork(context) });

/**
 * The checks Apple makes before accepting a users write; Apple's error table lists 9714 (more
 * than `maxUsers`) and 9715 (a user twice) among the synchronous answers (HTTP 400).
 */
function userWork({ world, body }: ApiContext): UserWork[] {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (!Array.isArray(record.users) || record.users.length === 0) throw new SandboxAppleError(400, 9720);
  const parsed = appleUsersRequestSchema.safeParse(body);
  if (!parsed.success) throw new SandboxAppleError(400, 9602);
  const { users } = parsed.data;
  if (users.length > world.settings.limits.maxUsers) throw new SandboxAppleError(400, 9714);
  if (hasDuplicates(users.map((user) => user.clientUserId))) throw new SandboxAppleError(400, 9715);
  if (users.some((user) => user.email !== undefined && !emailPattern.test(user.email))) throw new SandboxAppleError(400, 9717);
  return users;
}
