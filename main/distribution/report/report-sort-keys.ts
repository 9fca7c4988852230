import type Database from 'better-sqlite3';

/** SQL expressions the keys of one Apple user are computed from. */
export interface AppleUserKeySources {
  serviceId: string;
  generation: string;
  clientUserId: string;
  email: string;
  managedAppleId: string;
  /** Our directory's name and email of the person with that clientUserId; null when there is none. */
  name: string;
  directoryEmail: string;
}

/**
 * The Users tab's keys of one Apple user, as SQL.
 *
 * They are stored with the row so the tab sorts, filters and searches 100,000 Apple users
 * from indexes alone. Triggers of migration 0009 (which repeats these expressions) keep the
 * directory's part current when a person is added, renamed or deleted.
 */
export function appleUserKeys(s: AppleUserKeySources) {
  return {
    sortName: `coalesce(${s.name}, ${s.email}, ${s.managedAppleId}, ${s.clientUserId})`,
    sortEmail: `coalesce(${s.email}, ${s.directoryEmail}, ${s.managedAppleId})`,
    /** Every text a search matches, in one column; char(31) cannot be typed into the search box. */
    searchText: `concat_ws(char(31), ${s.name}, ${s.directoryEmail}, ${s.email}, ${s.managedAppleId})`,
    licenseCount: `(SELECT count(*) FROM cached_assignments ca
      WHERE ca.service_id = ${s.serviceId} AND ca.generation = ${s.generation} AND ca.client_user_id = ${s.clientUserId})`,
  };
}

/**
 * Recomputes every Apple user's keys in one generation; call inside the transaction that
 * publishes an incremental sync, whose merge changes license counts. A full sync writes the
 * keys as it inserts the users (CachePageWriter).
 *
 * Only rows whose keys changed are written: each write moves entries in four indexes, and an
 * incremental sync usually changes a few users of 100,000. The count is a correlated lookup on
 * the assignments' (service, generation, clientUserId) index rather than a GROUP BY, which
 * would first materialise an aggregate of the whole generation in memory.
 */
export class ReportSortKeys {
  private readonly update;

  constructor(db: Database.Database) {
    const keys = appleUserKeys({
      serviceId: 'c.service_id',
      generation: 'c.generation',
      clientUserId: 'c.client_user_id',
      email: 'c.email',
      managedAppleId: 'c.managed_apple_id',
      name: 'd.name',
      directoryEmail: 'd.email',
    });
    this.update = db.prepare(`
      UPDATE cached_apple_users AS au
      SET sort_name = k.sort_name, sort_email = k.sort_email, search_text = k.search_text, license_count = k.license_count
      FROM (SELECT c.client_user_id, ${keys.sortName} AS sort_name, ${keys.sortEmail} AS sort_email,
                   ${keys.searchText} AS search_text, ${keys.licenseCount} AS license_count
            FROM cached_apple_users c LEFT JOIN users d ON d.client_user_id = c.client_user_id
            WHERE c.service_id = @serviceId AND c.generation = @generation) AS k
      WHERE au.service_id = @serviceId AND au.generation = @generation AND au.client_user_id = k.client_user_id
        AND (au.sort_name, au.sort_email, au.search_text, au.license_count) IS NOT (k.sort_name, k.sort_email, k.search_text, k.license_count)`);
  }

  refresh(serviceId: number, generation: number): void {
    this.update.run({ serviceId, generation });
  }
}
