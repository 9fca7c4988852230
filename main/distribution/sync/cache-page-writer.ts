import type Database from 'better-sqlite3';
import type { Asset } from '../../apple/model/asset';
import type { Assignment } from '../../apple/model/assignment';
import type { VppUser } from '../../apple/model/vpp-user';
import { appleUserKeys } from '../report/report-sort-keys';
import type { AssetKey } from './asset-key';
import { AssignmentStaging } from './assignment-staging';
import type { ReadProgress } from './sync-progress';

/** Where a sync writes: one service's rows of one generation. */
export interface CacheTarget {
  serviceId: number;
  generation: number;
}

/**
 * Writes batches of Apple's rows into the cache tables under a generation readers do not see yet.
 *
 * One transaction per batch (see WRITE_BATCH_ROWS). An asset or user that changes while pages
 * are read can show up on two pages: the later one wins, except that a user's live record
 * always beats a retired or deleted one of the same clientUserId (Apple's retired and
 * re-created pairs). A person retired while the pages were read thus stays live in this read;
 * the next incremental read, from the first page's versionId, brings the retirement.
 */
export class CachePageWriter {
  private readonly assetsTx;
  private readonly assignmentsTx;
  private readonly usersTx;
  private readonly deleteAssetAssignments;
  private readonly staging;

  constructor(db: Database.Database) {
    this.staging = new AssignmentStaging(db);
    const insertAsset = db.prepare(`INSERT OR REPLACE INTO cached_assets
      (service_id, generation, adam_id, pricing, product_type, total, assigned, available, retired, unlimited, device_assignable, revocable, platforms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertAssignment = db.prepare(
      'INSERT INTO cached_assignments (service_id, generation, adam_id, pricing, client_user_id, serial_number) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // Users are read after the assignments, so their license counts can be taken as they are written.
    const person = (column: string) => `(SELECT ${column} FROM users WHERE client_user_id = @clientUserId)`;
    const keys = appleUserKeys({
      serviceId: '@serviceId',
      generation: '@generation',
      clientUserId: '@clientUserId',
      email: '@email',
      managedAppleId: '@managedAppleId',
      name: person('name'),
      directoryEmail: person('email'),
    });
    // VALUES and an upsert: the same insert as INSERT ... SELECT, or as INSERT OR REPLACE with
    // the report's four indexes on the table, took two to three times as long.
    // Apple lists a retired and re-created person twice, in no documented order: the upsert's
    // WHERE keeps a live record (Registered, Associated) from being replaced by a retired or
    // deleted one, whichever page or batch each came on.
    const insertUser = db.prepare(`INSERT INTO cached_apple_users
      (service_id, generation, client_user_id, email, managed_apple_id, invite_code, id_hash, status, sort_name, sort_email, search_text, license_count)
      VALUES (@serviceId, @generation, @clientUserId, @email, @managedAppleId, @inviteCode, @idHash, @status,
              ${keys.sortName}, ${keys.sortEmail}, ${keys.searchText}, ${keys.licenseCount})
      ON CONFLICT (service_id, generation, client_user_id) DO UPDATE SET
        email = excluded.email, managed_apple_id = excluded.managed_apple_id, invite_code = excluded.invite_code, id_hash = excluded.id_hash,
        status = excluded.status, sort_name = excluded.sort_name, sort_email = excluded.sort_email, search_text = excluded.search_text,
        license_count = excluded.license_count
      WHERE excluded.status IN ('Registered', 'Associated') OR cached_apple_users.status NOT IN ('Registered', 'Associated')`);
    this.deleteAssetAssignments = db.prepare('DELETE FROM cached_assignments WHERE service_id = ? AND generation = ? AND adam_id = ? AND pricing = ?');

    this.assetsTx = db.transaction((to: CacheTarget, assets: readonly Asset[]) => {
      for (const a of assets) {
        insertAsset.run(
          to.serviceId,
          to.generation,
          a.adamId,
          a.pricingParam,
          a.productType,
          a.unlimited ? null : a.totalCount,
          a.assignedCount,
          a.unlimited ? null : a.availableCount,
          a.retiredCount ?? 0,
          a.unlimited ? 1 : 0,
          a.deviceAssignable ? 1 : 0,
          a.revocable ? 1 : 0,
          JSON.stringify(a.supportedPlatforms),
        );
      }
    });
    this.assignmentsTx = db.transaction((to: CacheTarget, rows: readonly Assignment[]) => {
      for (const r of rows) insertAssignment.run(to.serviceId, to.generation, r.adamId, r.pricingParam, r.clientUserId, r.serialNumber);
    });
    this.usersTx = db.transaction((to: CacheTarget, users: readonly VppUser[]) => {
      for (const u of users) {
        insertUser.run({ serviceId: to.serviceId, generation: to.generation, ...u });
      }
    });
  }

  assets(to: CacheTarget, assets: readonly Asset[]): void {
    this.assetsTx(to, assets);
  }

  /**
   * Sorts the batch by asset, then holder: one asset's rows of a batch land side by side in
   * the table, so reading who holds an app (the report, its CSV export) reads a few pages per
   * batch instead of one page per row.
   */
  assignments(to: CacheTarget, rows: Assignment[]): void {
    this.assignmentsTx(to, rows.sort(byAssetThenHolder));
  }

  /**
   * A full sync's assignments, a page at a time, through AssignmentStaging; moveStagedAssignments
   * ends them. `expectedRows`: the read's size as its first page tells it.
   */
  stageAssignments(to: CacheTarget, rows: readonly Assignment[], expectedRows: number): void {
    this.staging.add(to, rows, expectedRows);
  }

  moveStagedAssignments(to: CacheTarget, signal: AbortSignal, progress: ReadProgress): Promise<void> {
    return this.staging.finish(to, signal, progress);
  }

  discardStagedAssignments(to: CacheTarget): void {
    this.staging.discard(to);
  }

  /** Sorts the batch by clientUserId, the table's key; the sort is stable, so of two copies of a user the later still wins unless it would retire a live one. */
  users(to: CacheTarget, users: VppUser[]): void {
    this.usersTx(to, users.sort((a, b) => (a.clientUserId < b.clientUserId ? -1 : a.clientUserId > b.clientUserId ? 1 : 0)));
  }

  /** Drops what a generation holds of one asset, before that asset's assignments are read again in full. */
  forgetAssignmentsOf(to: CacheTarget, asset: AssetKey): void {
    this.deleteAssetAssignments.run(to.serviceId, to.generation, asset.adamId, asset.pricing);
  }
}

function byAssetThenHolder(a: Assignment, b: Assignment): number {
  if (a.adamId !== b.adamId) return a.adamId < b.adamId ? -1 : 1;
  if (a.pricingParam !== b.pricingParam) return a.pricingParam < b.pricingParam ? -1 : 1;
  const left = a.clientUserId ?? a.serialNumber ?? '';
  const right = b.clientUserId ?? b.serialNumber ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}
