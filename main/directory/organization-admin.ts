import { DomainError } from '../errors/domain-error';
import type { AdminScope } from './admin-scope';

/**
 * Whether the admin directly administers the organization itself (the root group).
 *
 * Settings that act for the whole district, such as the mail server invitations go out
 * through or the MDM server that receives commands, are changed only by these admins.
 */
export function isOrganizationAdmin(scope: AdminScope): boolean {
  return scope.directGroupIds.some((id) => scope.tree.ancestorsOf(id).length === 1);
}

/** Refuses, in a sentence naming the act, an admin who is not a direct admin of the organization. */
export function requireOrganizationAdmin(scope: AdminScope, act: string): void {
  if (!isOrganizationAdmin(scope)) {
    throw new DomainError('FORBIDDEN', `Only a direct admin of the organization can ${act}.`);
  }
}
