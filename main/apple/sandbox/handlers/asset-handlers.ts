import type { AppleUnlimitedAsset } from '../../wire/apple-asset';
import { SandboxAppleError } from '../sandbox-apple-error';
import { AssetStore, type SandboxAsset } from '../state/asset-store';
import type { ApiHandler } from './api-context';
import { pageWindow } from './paging';
import { booleanParam, countParam, textParam } from './query-params';

/**
 * GET /assets with Apple's filters.
 *
 * With `unlimited=true` Apple lists free titles under `unlimitedAssets`, without the counts that
 * do not apply to them (available, total, retired).
 */
export const getAssets: ApiHandler = ({ world, location, query }) => {
  const keep = assetFilter(query);
  const rows = location.assets.rows.filter(keep);
  const page = pageWindow(rows.length, query, world.settings.pageSize);
  const pageRows = rows.slice(page.start, page.end);
  const listed = booleanParam(query, 'unlimited') === true
    ? { assets: [], unlimitedAssets: pageRows.map(unlimitedAsset) }
    : { assets: pageRows.map(AssetStore.toApple) };
  return { ...listed, ...page.fields, versionId: location.versions.currentId };
};

function assetFilter(query: URLSearchParams): (asset: SandboxAsset) => boolean {
  const adamId = textParam(query, 'adamId');
  const productType = textParam(query, 'productType');
  const pricingParam = textParam(query, 'pricingParam');
  if (productType !== undefined && productType !== 'App' && productType !== 'Book') throw new SandboxAppleError(400, 9602);
  if (pricingParam !== undefined && pricingParam !== 'STDQ' && pricingParam !== 'PLUS') throw new SandboxAppleError(400, 9602);
  const revocable = booleanParam(query, 'revocable');
  const deviceAssignable = booleanParam(query, 'deviceAssignable');
  const unlimited = booleanParam(query, 'unlimited');
  const bounds = {
    minAvailable: countParam(query, 'minAvailableCount') ?? 0,
    maxAvailable: countParam(query, 'maxAvailableCount') ?? Infinity,
    minAssigned: countParam(query, 'minAssignedCount') ?? 0,
    maxAssigned: countParam(query, 'maxAssignedCount') ?? Infinity,
  };
  return (asset) =>
    (adamId === undefined || asset.adamId === adamId) &&
    (productType === undefined || asset.productType === productType) &&
    (pricingParam === undefined || asset.pricingParam === pricingParam) &&
    (revocable === undefined || asset.revocable === revocable) &&
    (deviceAssignable === undefined || asset.deviceAssignable === deviceAssignable) &&
    (unlimited === undefined || AssetStore.isUnlimited(asset) === unlimited) &&
    AssetStore.available(asset) >= bounds.minAvailable &&
    AssetStore.available(asset) <= bounds.maxAvailable &&
    asset.assignedCount >= bounds.minAssigned &&
    asset.assignedCount <= bounds.maxAssigned;
}

function unlimitedAsset(asset: SandboxAsset): AppleUnlimitedAsset {
  return {
    adamId: asset.adamId,
    pricingParam: asset.pricingParam,
    productType: asset.productType,
    assignedCount: asset.assignedCount,
    deviceAssignable: asset.deviceAssignable,
    revocable: asset.revocable,
    supportedPlatforms: asset.supportedPlatforms,
  };
}
