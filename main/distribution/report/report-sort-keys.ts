import type Database from 'better-sqlite3';

/**
 * Writes each Apple user's display name and license count into the cache generation a sync
 * is publishing; call inside the publishing transaction.
 *
 * The name comes from the directory as it is at sync time: a user renamed in the app sorts
 * under the old name until the next sync, a price worth paying for an index-served sort.
 * Both are set in one pass; the count is a correlated lookup on the assignments'
 * (service, generation, clientUserId) index rather than a GROUP BY, which would first
 * materialise an aggregate of the whole generation in memory.
 */
export class ReportSortKeys {
  private readonly update;

  constructor(db: Database.Database) {
    this.update = db.prepare(`
      UPDATE cached_apple_users AS au
      SET sort_name = coalesce((SELECT u.name FROM users u WHERE u.client_user_id = au.client_user_id), au.email, au.managed_apple_id, au.client_user_id),
          license_count = (SELECT count(*) FROM cached_assignments ca
                           WHERE ca.service_id = au.service_id AND ca.generation = au.generation AND ca.client_user_id = au.client_user_id)
      WHERE au.service_id = @serviceId AND au.generation = @generation`);
  }

  refresh(serviceId: number, generation: number): void {
    this.update.run({ serviceId, generation });
  }
}
