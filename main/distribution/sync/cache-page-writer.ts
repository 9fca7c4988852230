import type Database from 'better-sqlite3';
import type { Asset } from '../../apple/model/asset';
import type { Assignment } from '../../apple/model/assignment';
import type { VppUser } from '../../apple/model/vpp-user';
import { APPLE_USER_KEYS } from '../report/report-sort-keys';
import type { AssetKey } from './asset-key';

/** Where a sync writes: one service's rows of one generation. */
export interface CacheTarget {
  serviceId: number;
  generation: number;
}

/**
 * Writes batches of Apple's rows into the cache tables under a generation readers do not see yet.
 *
 * One transaction per batch (see WRITE_BATCH_ROWS). Users and assets use INSERT OR REPLACE
 * because a row that changes while pages are read can show up on two pages.
 */
export class CachePageWriter {
  private readonly assetsTx;
  private readonly assignmentsTx;
  private readonly usersTx;
  private readonly deleteAssetAssignments;
  private readonly countAssigned;

  constructor(db: Database.Database) {
    const insertAsset = db.prepare(`INSERT OR REPLACE INTO cached_assets
      (service_id, generation, adam_id, pricing, product_type, total, assigned, available, retired, unlimited, device_assignable, revocable, platforms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertAssignment = db.prepare(
      'INSERT INTO cached_assignments (service_id, generation, adam_id, pricing, client_user_id, serial_number) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // Users are read after the assignments, so their license counts can be taken as they are written.
    const insertUser = db.prepare(`INSERT OR REPLACE INTO cached_apple_users
      (service_id, generation, client_user_id, email, managed_apple_id, invite_code, id_hash, status, sort_name, sort_email, search_text, license_count)
      SELECT au.*, ${APPLE_USER_KEYS.sortName}, ${APPLE_USER_KEYS.sortEmail}, ${APPLE_USER_KEYS.searchText}, ${APPLE_USER_KEYS.licenseCount}
      FROM (SELECT ? AS service_id, ? AS generation, ? AS client_user_id, ? AS email, ? AS managed_apple_id, ? AS invite_code, ? AS id_hash, ? AS status) AS au
      LEFT JOIN users u ON u.client_user_id = au.client_user_id`);
    this.deleteAssetAssignments = db.prepare('DELETE FROM cached_assignments WHERE service_id = ? AND generation = ? AND adam_id = ? AND pricing = ?');
    this.countAssigned = db.prepare(`UPDATE cached_assets SET assigned = (
        SELECT count(*) FROM cached_assignments c WHERE c.service_id = cached_assets.service_id AND c.generation = cached_assets.generation
          AND c.adam_id = cached_assets.adam_id AND c.pricing = cached_assets.pricing)
      WHERE service_id = ? AND generation = ? AND adam_id = ? AND pricing = ?`);

    this.assetsTx = db.transaction((to: CacheTarget, assets: readonly Asset[]) => {
      for (const a of assets) {
        insertAsset.run(
          to.serviceId,
          to.generation,
          a.adamId,
          a.pricingParam,
          a.productType,
          a.unlimited ? null : a.totalCount,
          a.assignedCount ?? 0,
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
        insertUser.run(to.serviceId, to.generation, u.clientUserId, u.email, u.managedAppleId, u.inviteCode, u.idHash, u.status);
      }
    });
  }

  assets(to: CacheTarget, assets: readonly Asset[]): void {
    this.assetsTx(to, assets);
  }

  /** Sorts the batch by holder first: neighbouring keys share index pages, so fewer pages are written. */
  assignments(to: CacheTarget, rows: Assignment[]): void {
    this.assignmentsTx(to, rows.sort(byHolder));
  }

  users(to: CacheTarget, users: readonly VppUser[]): void {
    this.usersTx(to, users);
  }

  /** Drops what a generation holds of one asset, before that asset's assignments are read again in full. */
  forgetAssignmentsOf(to: CacheTarget, asset: AssetKey): void {
    this.deleteAssetAssignments.run(to.serviceId, to.generation, asset.adamId, asset.pricing);
  }

  /** For an asset Apple listed without counts: its assigned count is what the cache holds of it. */
  countAssignedFromRows(to: CacheTarget, asset: AssetKey): void {
    this.countAssigned.run(to.serviceId, to.generation, asset.adamId, asset.pricing);
  }
}

function byHolder(a: Assignment, b: Assignment): number {
  const left = a.clientUserId ?? a.serialNumber ?? '';
  const right = b.clientUserId ?? b.serialNumber ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}
