import type Database from 'better-sqlite3';
import type { AssetKey } from './asset-key';

export interface AssetRowCount extends AssetKey {
  count: number;
}

export interface MergePlan {
  serviceId: number;
  live: number;
  staging: number;
  /** Assets whose assignments were read again in full into the staging generation. */
  replaced: readonly AssetKey[];
}

// Whether staged row s is already in the live generation. Forced onto the holder indexes: the
// asset index would match more columns but can span a hundred thousand rows of one app.
const IN_LIVE = `CASE WHEN s.client_user_id IS NOT NULL
  THEN EXISTS (SELECT 1 FROM cached_assignments l INDEXED BY cached_assignments_by_user
    WHERE l.service_id = s.service_id AND l.generation = @live AND l.client_user_id = s.client_user_id AND l.adam_id = s.adam_id AND l.pricing = s.pricing)
  ELSE EXISTS (SELECT 1 FROM cached_assignments l INDEXED BY cached_assignments_by_serial
    WHERE l.service_id = s.service_id AND l.generation = @live AND l.serial_number = s.serial_number AND l.adam_id = s.adam_id AND l.pricing = s.pricing)
  END`;

/**
 * SQL of an incremental sync: what the live cache would hold after merging the changes, and
 * the merge itself, applied in place to the live generation.
 *
 * The changes are first staged under their own generation; `merge` then runs inside the one
 * transaction that also publishes the new sync state, so readers see the old cache or the new
 * one, never a mix. Its cost is the size of the changes plus the asset list, not the cache.
 */
export class IncrementalMergeStore {
  private readonly selectCountsAfterMerge;
  private readonly deleteLiveOfAsset;
  private readonly deleteStagedKnown;
  private readonly deleteStagedDuplicates;
  private readonly moveStagedAssignments;
  private readonly upsertStagedUsers;
  private readonly deleteStagedUsers;
  private readonly deleteLiveAssets;
  private readonly moveStagedAssets;

  constructor(db: Database.Database) {
    this.selectCountsAfterMerge = db.prepare(`
      SELECT adam_id AS adamId, pricing, sum(n) AS count FROM (
        SELECT adam_id, pricing, count(*) AS n FROM cached_assignments WHERE service_id = @service AND generation = @live GROUP BY adam_id, pricing
        UNION ALL
        SELECT adam_id, pricing, count(*) AS n FROM (
          SELECT DISTINCT s.adam_id, s.pricing, s.client_user_id, s.serial_number FROM cached_assignments s
          WHERE s.service_id = @service AND s.generation = @staging AND NOT (${IN_LIVE}))
        GROUP BY adam_id, pricing)
      GROUP BY adam_id, pricing`);
    this.deleteLiveOfAsset = db.prepare('DELETE FROM cached_assignments WHERE service_id = ? AND generation = ? AND adam_id = ? AND pricing = ?');
    this.deleteStagedKnown = db.prepare(
      `DELETE FROM cached_assignments AS s WHERE s.service_id = @service AND s.generation = @staging AND (${IN_LIVE})`,
    );
    this.deleteStagedDuplicates = db.prepare(`DELETE FROM cached_assignments WHERE service_id = @service AND generation = @staging
      AND rowid NOT IN (SELECT min(rowid) FROM cached_assignments WHERE service_id = @service AND generation = @staging
        GROUP BY adam_id, pricing, client_user_id, serial_number)`);
    this.moveStagedAssignments = db.prepare('UPDATE cached_assignments SET generation = @live WHERE service_id = @service AND generation = @staging');
    this.upsertStagedUsers = db.prepare(`INSERT OR REPLACE INTO cached_apple_users
      (service_id, generation, client_user_id, email, managed_apple_id, invite_code, id_hash, status)
      SELECT service_id, @live, client_user_id, email, managed_apple_id, invite_code, id_hash, status
      FROM cached_apple_users WHERE service_id = @service AND generation = @staging`);
    this.deleteStagedUsers = db.prepare('DELETE FROM cached_apple_users WHERE service_id = @service AND generation = @staging');
    this.deleteLiveAssets = db.prepare('DELETE FROM cached_assets WHERE service_id = @service AND generation = @live');
    this.moveStagedAssets = db.prepare('UPDATE cached_assets SET generation = @live WHERE service_id = @service AND generation = @staging');
  }

  /** Assignments per asset the live cache would hold if the staged ones were merged now. */
  countsAfterMerge(serviceId: number, live: number, staging: number): AssetRowCount[] {
    return this.selectCountsAfterMerge.all({ service: serviceId, live, staging }) as AssetRowCount[];
  }

  /**
   * Applies the staged changes to the live generation; call inside the transaction that publishes.
   *
   * Replaced assets lose their live assignments first; other staged assignments are added unless
   * live already has them (rows added while the previous sync paged are read again). Staged users
   * replace theirs: of a retired and re-created pair in the changes, staging kept the live record,
   * and a retired record alone is that person's retirement. The staged asset list replaces the
   * live one whole.
   */
  merge(plan: MergePlan): void {
    const params = { service: plan.serviceId, live: plan.live, staging: plan.staging };
    for (const asset of plan.replaced) this.deleteLiveOfAsset.run(plan.serviceId, plan.live, asset.adamId, asset.pricing);
    this.deleteStagedKnown.run(params);
    this.deleteStagedDuplicates.run({ service: plan.serviceId, staging: plan.staging });
    this.moveStagedAssignments.run(params);
    this.upsertStagedUsers.run(params);
    this.deleteStagedUsers.run({ service: plan.serviceId, staging: plan.staging });
    this.deleteLiveAssets.run({ service: plan.serviceId, live: plan.live });
    this.moveStagedAssets.run(params);
  }
}
