import type Database from 'better-sqlite3';

/**
 * The Users tab's keys of one Apple user, as SQL over `au` (the cached Apple user) and `u`
 * (our directory's user with the same clientUserId, or nulls).
 *
 * They are stored with the row so the tab sorts, filters and searches 100,000 Apple users
 * from indexes alone. Triggers of migration 0009 (which repeats these expressions) keep the
 * directory's part current when a person is added, renamed or deleted.
 */
export const APPLE_USER_KEYS = {
  sortName: 'coalesce(u.name, au.email, au.managed_apple_id, au.client_user_id)',
  sortEmail: 'coalesce(au.email, u.email, au.managed_apple_id)',
  /** Every text a search matches, in one column; char(31) cannot be typed into the search box. */
  searchText: 'concat_ws(char(31), u.name, u.email, au.email, au.managed_apple_id)',
  licenseCount: `(SELECT count(*) FROM cached_assignments ca
    WHERE ca.service_id = au.service_id AND ca.generation = au.generation AND ca.client_user_id = au.client_user_id)`,
} as const;

/**
 * Recomputes every Apple user's keys in one generation; call inside the transaction that
 * publishes an incremental sync, whose merge changes license counts. A full sync writes the
 * keys as it inserts the users (CachePageWriter).
 *
 * The count is a correlated lookup on the assignments' (service, generation, clientUserId)
 * index rather than a GROUP BY, which would first materialise an aggregate of the whole
 * generation in memory.
 */
export class ReportSortKeys {
  private readonly update;

  constructor(db: Database.Database) {
    this.update = db.prepare(`
      UPDATE cached_apple_users AS au
      SET sort_name = ${APPLE_USER_KEYS.sortName}, sort_email = ${APPLE_USER_KEYS.sortEmail},
          search_text = ${APPLE_USER_KEYS.searchText}, license_count = ${APPLE_USER_KEYS.licenseCount}
      FROM (SELECT c.client_user_id AS held_by, d.name, d.email FROM cached_apple_users c LEFT JOIN users d ON d.client_user_id = c.client_user_id
            WHERE c.service_id = @serviceId AND c.generation = @generation) AS u
      WHERE au.service_id = @serviceId AND au.generation = @generation AND au.client_user_id = u.held_by`);
  }

  refresh(serviceId: number, generation: number): void {
    this.update.run({ serviceId, generation });
  }
}
