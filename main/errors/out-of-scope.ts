import { DomainError } from './domain-error';

/** The records an admin asks for by id. */
export type RecordKind = 'group' | 'service' | 'token' | 'user' | 'device' | 'admin' | 'install' | 'invitations';

const SENTENCES: Record<RecordKind, string> = {
  group: 'That group does not exist or is not yours to see. Reload the organization tree.',
  service: 'That service does not exist or is not yours to see.',
  token: 'That token does not exist or is not yours to see.',
  user: 'That user does not exist or is not yours to see.',
  device: 'That device does not exist or is not yours to see.',
  admin: 'That admin does not exist or is not yours to see.',
  install: 'That install does not exist or is not yours to see.',
  invitations: 'Those invitations do not exist or are not yours to see.',
};

/**
 * The one answer for a record that does not exist and for one outside the admin's scope.
 *
 * The rule, for every channel that takes an id: a record the admin may not see (a group
 * outside their subtrees, a service or token kept where they cannot see it, a user, device,
 * admin, install or invitation run of another branch) is answered exactly as an id that does
 * not exist: NOT_FOUND, this sentence, never its name. Otherwise the refusal itself would say
 * which ids exist and what they are called. FORBIDDEN is kept for what the admin can see but
 * may not do (removing a token without being an organization admin, using a token of a
 * visible service whose group they do not directly administer), and may name it.
 */
export function notFoundOrOutOfScope(kind: RecordKind): DomainError {
  return new DomainError('NOT_FOUND', SENTENCES[kind]);
}
