import type Database from 'better-sqlite3';

/** One service's row of `sync_state`: which generation the report shows, and how the last attempt went. */
export interface SyncStateRecord {
  serviceId: number;
  liveGeneration: number | null;
  syncedAt: string | null;
  tokenId: number | null;
  assignmentsVersion: string | null;
  usersVersion: string | null;
  attemptedAt: string | null;
  errorCode: string | null;
  error: string | null;
  /** Apple's Retry-After time after the last attempt: no sync starts before it. */
  retryAt: string | null;
}

/** What a successful sync publishes together with (or as) the swap. */
export interface SyncPublication {
  serviceId: number;
  generation: number;
  tokenId: number;
  assignmentsVersion: string | null;
  usersVersion: string | null;
  attemptedAt: Date;
  syncedAt: Date;
}

const SELECT = `SELECT service_id AS serviceId, live_generation AS liveGeneration, synced_at AS syncedAt, token_id AS tokenId,
  assignments_version AS assignmentsVersion, users_version AS usersVersion, attempted_at AS attemptedAt,
  error_code AS errorCode, error, retry_at AS retryAt FROM sync_state`;

/** SQL for `sync_state`. Publishing is the swap: one statement moves the report to a new generation. */
export class SyncStateStore {
  private readonly selectOne;
  private readonly selectMany;
  private readonly upsertPublication;
  private readonly upsertFailure;
  private readonly selectWaiting;

  constructor(db: Database.Database) {
    this.selectOne = db.prepare(`${SELECT} WHERE service_id = ?`);
    this.selectMany = db.prepare(`${SELECT} WHERE service_id IN (SELECT value FROM json_each(?))`);
    this.upsertPublication = db.prepare(`
      INSERT INTO sync_state (service_id, live_generation, synced_at, token_id, assignments_version, users_version, attempted_at, error_code, error)
      VALUES (@serviceId, @generation, @syncedAt, @tokenId, @assignmentsVersion, @usersVersion, @attemptedAt, NULL, NULL)
      ON CONFLICT (service_id) DO UPDATE SET live_generation = excluded.live_generation, synced_at = excluded.synced_at,
        token_id = excluded.token_id, assignments_version = excluded.assignments_version, users_version = excluded.users_version,
        attempted_at = excluded.attempted_at, error_code = NULL, error = NULL, retry_at = NULL`);
    this.upsertFailure = db.prepare(`
      INSERT INTO sync_state (service_id, attempted_at, error_code, error, retry_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (service_id) DO UPDATE SET attempted_at = excluded.attempted_at, error_code = excluded.error_code, error = excluded.error,
        retry_at = excluded.retry_at`);
    this.selectWaiting = db.prepare('SELECT service_id AS serviceId, retry_at AS retryAt FROM sync_state WHERE retry_at IS NOT NULL');
  }

  get(serviceId: number): SyncStateRecord | null {
    return (this.selectOne.get(serviceId) as SyncStateRecord | undefined) ?? null;
  }

  ofServices(serviceIds: readonly number[]): SyncStateRecord[] {
    return this.selectMany.all(JSON.stringify(serviceIds)) as SyncStateRecord[];
  }

  /** Makes `generation` the one readers see and clears the last failure; call inside the swap's transaction. */
  publish(publication: SyncPublication): void {
    this.upsertPublication.run({
      ...publication,
      attemptedAt: publication.attemptedAt.toISOString(),
      syncedAt: publication.syncedAt.toISOString(),
    });
  }

  /** Records why an attempt failed, and Apple's Retry-After time if it named one; the live generation and its sync time stay as they were. */
  recordFailure(serviceId: number, attemptedAt: Date, code: string, message: string, retryAt: Date | null = null): void {
    this.upsertFailure.run(serviceId, attemptedAt.toISOString(), code, message, retryAt?.toISOString() ?? null);
  }

  /** Services whose last attempt Apple asked to wait after. */
  waiting(): { serviceId: number; retryAt: string }[] {
    return this.selectWaiting.all() as { serviceId: number; retryAt: string }[];
  }
}
