import type Database from 'better-sqlite3';

/**
 * Writes each Apple user's display name and license count into the cache generation a sync
 * is publishing; call inside the publishing transaction.
 *
 * The name comes from the directory as it is at sync time: a user renamed in the app sorts
 * under the old name until the next sync, a price worth paying for an index-served sort.
 */
export class ReportSortKeys {
  private readonly names;
  private readonly counts;

  constructor(db: Database.Database) {
    this.names = db.prepare(`
      UPDATE cached_apple_users AS au
      SET sort_name = coalesce((SELECT u.name FROM users u WHERE u.client_user_id = au.client_user_id), au.email, au.managed_apple_id, au.client_user_id)
      WHERE au.service_id = @serviceId AND au.generation = @generation`);
    this.counts = db.prepare(`
      UPDATE cached_apple_users AS au SET license_count = c.n
      FROM (SELECT client_user_id, count(*) AS n FROM cached_assignments
            WHERE service_id = @serviceId AND generation = @generation AND client_user_id IS NOT NULL
            GROUP BY client_user_id) AS c
      WHERE au.service_id = @serviceId AND au.generation = @generation AND au.client_user_id = c.client_user_id`);
  }

  refresh(serviceId: number, generation: number): void {
    this.names.run({ serviceId, generation });
    this.counts.run({ serviceId, generation });
  }
}
