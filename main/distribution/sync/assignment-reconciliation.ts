import { assetKeyText, type AssetKey } from './asset-key';

/** An asset as Apple listed it: its key and how many licenses it says are assigned. */
export interface ListedAsset extends AssetKey {
  assigned: number;
}

/**
 * The assets whose assignments an incremental sync must read again in full.
 *
 * Apple's incremental assignments list what was added since a version, never what was
 * removed, so merged rows can only be too many. Apple's asset list, read in full every time,
 * says how many each asset really has: where the merged count differs, that asset's assignments are read again with the `adamId` filter. A removal thus
 * costs one asset's assignments, not the whole location's. Assets Apple no longer lists
 * count as zero.
 */
export function assetsToReread(listed: readonly ListedAsset[], countsAfterMerge: readonly (AssetKey & { count: number })[]): AssetKey[] {
  const cached = new Map(countsAfterMerge.map((c) => [assetKeyText(c), c.count]));
  const reread: AssetKey[] = [];
  const seen = new Set<string>();
  for (const asset of listed) {
    const key = assetKeyText(asset);
    if (seen.has(key)) continue;
    seen.add(key);
    if ((cached.get(key) ?? 0) !== asset.assigned) reread.push({ adamId: asset.adamId, pricing: asset.pricing });
  }
  for (const count of countsAfterMerge) {
    if (!seen.has(assetKeyText(count)) && count.count > 0) reread.push({ adamId: count.adamId, pricing: count.pricing });
  }
  return reread;
}
