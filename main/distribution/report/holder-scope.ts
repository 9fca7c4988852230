/**
 * Whose licenses and Apple records one admin sees at one level of the organization.
 *
 * A location's per-title counts may be shown wherever its service may be seen; who holds the
 * licenses may not. At level G an admin sees the Apple users and the assignments whose person
 * (our user, or the owner of the device holding the license; the device itself when nobody
 * owns it) is at or below G, counting class memberships and extra locations as the directory
 * does. Records that match nobody in the directory are shown only to direct admins of the
 * service's group, at that group or above it: they hold the token and must be able to clean
 * up, and below that group such records are nobody's at the level.
 */
export interface HolderScope {
  /** The level and every group below it. */
  groupIds: readonly number[];
  /**
   * Every user and device of the directory is at or below the level (the usual case for an
   * admin at the top of their tree): a match in the directory is then all the rule asks.
   */
  everyone: boolean;
  /** Services whose records that match nobody in the directory this admin may see here. */
  unmatchedServiceIds: readonly number[];
}

/**
 * The rule for one service, as the SQL it needs: nothing to check, a directory match, the
 * people at or below the level, or those and the unmatched.
 */
export type HolderFilter = 'all' | 'matched' | 'scoped' | 'scoped-or-unmatched';

export function holderFilter(scope: HolderScope, serviceId: number): HolderFilter {
  const unmatched = scope.unmatchedServiceIds.includes(serviceId);
  if (scope.everyone) return unmatched ? 'all' : 'matched';
  return unmatched ? 'scoped-or-unmatched' : 'scoped';
}

/** Whether the SQL of a filter reads SCOPED_PEOPLE_CTE and the `@scopeGroups` parameter. */
export const readsScope = (filter: HolderFilter) => filter === 'scoped' || filter === 'scoped-or-unmatched';

/** The value bound to `@scopeGroups`. */
export const scopeGroupsParam = (scope: HolderScope) => JSON.stringify(scope.groupIds);

/** The directory users at or below the level: home group or membership (class, extra location). */
export const SCOPED_PEOPLE_CTE = `scoped_people(id, client_user_id) AS (
    SELECT id, client_user_id FROM users WHERE home_group_id IN (SELECT value FROM json_each(@scopeGroups))
    UNION
    SELECT u.id, u.client_user_id FROM group_members m JOIN users u ON u.id = m.user_id
    WHERE m.group_id IN (SELECT value FROM json_each(@scopeGroups)))`;

/*
 * Every predicate below is true or false, never NULL, for a missing user or device too: they
 * are also negated (HolderScopeStore.hidden), and NOT NULL would let an unmatched holder pass.
 */

/** A user-held license the filter keeps, given the directory user `u` it was joined to (by clientUserId). */
export function personKept(filter: HolderFilter, u: string): string {
  const atLevel = `(${u}.id IS NOT NULL AND ${u}.id IN (SELECT id FROM scoped_people))`;
  switch (filter) {
    case 'all':
      return '1';
    case 'matched':
      return `${u}.id IS NOT NULL`;
    case 'scoped':
      return atLevel;
    case 'scoped-or-unmatched':
      return `(${u}.id IS NULL OR ${atLevel})`;
  }
}

/** A device-held license the filter keeps, given the directory device `d` it was joined to (by serial number). */
export function deviceKept(filter: HolderFilter, d: string): string {
  const atLevel = `(${d}.id IS NOT NULL AND CASE WHEN ${d}.user_id IS NOT NULL THEN ${d}.user_id IN (SELECT id FROM scoped_people)
    ELSE ${d}.home_group_id IN (SELECT value FROM json_each(@scopeGroups)) END)`;
  switch (filter) {
    case 'all':
      return '1';
    case 'matched':
      return `${d}.id IS NOT NULL`;
    case 'scoped':
      return atLevel;
    case 'scoped-or-unmatched':
      return `(${d}.id IS NULL OR ${atLevel})`;
  }
}

/**
 * An assignment row `ca` the filter keeps, joined to the user `u` of its clientUserId and the
 * device `d` of its serial number (LEFT JOINs: either may be missing).
 */
export function assignmentKept(filter: HolderFilter, ca = 'ca', u = 'u', d = 'd'): string {
  if (filter === 'all') return '1';
  return `(CASE WHEN ${ca}.client_user_id IS NOT NULL THEN ${personKept(filter, u)} ELSE ${deviceKept(filter, d)} END)`;
}
