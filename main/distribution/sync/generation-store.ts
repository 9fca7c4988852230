import type Database from 'better-sqlite3';

const CACHE_TABLES = ['cached_assets', 'cached_assignments', 'cached_apple_users'] as const;

export interface GenerationRowCounts {
  licenses: number;
  assignments: number;
  users: number;
}

/**
 * SQL for the generations of the cache tables: which exist, which is live, and deleting one.
 *
 * Every lookup is an index seek on (service_id, generation): a million rows of one generation
 * cost nothing to step over.
 */
export class GenerationStore {
  private readonly selectLive;
  private readonly selectHighest;
  private readonly selectNext;
  private readonly deleteSomeAssignments;
  private readonly deleteSomeUsers;
  private readonly deleteAssets;
  private readonly deleteSomeTx;
  private readonly countRows;

  constructor(db: Database.Database) {
    this.selectLive = db.prepare('SELECT live_generation AS generation FROM sync_state WHERE service_id = ?').pluck();
    this.selectHighest = CACHE_TABLES.map((table) =>
      db.prepare(`SELECT generation FROM ${table} WHERE service_id = ? ORDER BY generation DESC LIMIT 1`).pluck(),
    );
    this.selectNext = CACHE_TABLES.map((table) =>
      db.prepare(`SELECT generation FROM ${table} WHERE service_id = ? AND generation > ? ORDER BY generation LIMIT 1`).pluck(),
    );
    this.deleteSomeAssignments = db.prepare(
      'DELETE FROM cached_assignments WHERE rowid IN (SELECT rowid FROM cached_assignments WHERE service_id = ? AND generation = ? LIMIT ?)',
    );
    this.deleteSomeUsers = db.prepare(`DELETE FROM cached_apple_users WHERE service_id = @service AND generation = @generation AND client_user_id IN
      (SELECT client_user_id FROM cached_apple_users WHERE service_id = @service AND generation = @generation LIMIT @limit)`);
    this.deleteAssets = db.prepare('DELETE FROM cached_assets WHERE service_id = ? AND generation = ?');
    this.countRows = db.prepare(`SELECT
      (SELECT count(*) FROM cached_assets WHERE service_id = @service AND generation = @generation) AS licenses,
      (SELECT count(*) FROM cached_assignments WHERE service_id = @service AND generation = @generation) AS assignments,
      (SELECT count(*) FROM cached_apple_users WHERE service_id = @service AND generation = @generation) AS users`);
    this.deleteSomeTx = db.transaction((serviceId: number, generation: number, limit: number): number => {
      const assignments = this.deleteSomeAssignments.run(serviceId, generation, limit).changes;
      if (assignments > 0) return assignments;
      const users = this.deleteSomeUsers.run({ service: serviceId, generation, limit }).changes;
      if (users > 0) return users;
      return this.deleteAssets.run(serviceId, generation).changes;
    });
  }

  liveOf(serviceId: number): number | null {
    return (this.selectLive.get(serviceId) as number | null | undefined) ?? null;
  }

  /** The highest generation number the service has used and still holds, live or not; null if none. */
  highest(serviceId: number): number | null {
    const found = [this.liveOf(serviceId), ...this.selectHighest.map((s) => s.get(serviceId) as number | undefined)];
    const numbers = found.filter((g): g is number => typeof g === 'number');
    return numbers.length > 0 ? Math.max(...numbers) : null;
  }

  /** Every generation with rows in any cache table, found by hopping from one to the next. */
  generationsOf(serviceId: number): number[] {
    const all = new Set<number>();
    for (const next of this.selectNext) {
      for (let g = next.get(serviceId, -1) as number | undefined; g !== undefined; g = next.get(serviceId, g) as number | undefined) all.add(g);
    }
    return [...all].sort((a, b) => a - b);
  }

  rowCounts(serviceId: number, generation: number): GenerationRowCounts {
    return this.countRows.get({ service: serviceId, generation }) as GenerationRowCounts;
  }

  /** Deletes up to `limit` rows of one generation (assignments first, then users, then assets); 0 when none are left. */
  deleteSome(serviceId: number, generation: number, limit: number): number {
    return this.deleteSomeTx(serviceId, generation, limit);
  }
}
