import type { AppleAsset, AppleUnlimitedAsset } from '../wire/apple-asset';

/** Apple's stand-in for "no limit": free titles report this many licenses. */
export const UNLIMITED_LICENSE_COUNT = 2147483647;

/** The license pool of one app or book at one location. */
export interface Asset {
  adamId: string;
  pricingParam: string;
  productType: 'App' | 'Book';
  /** Free titles: licenses never run out, so the admin sees "unlimited", not 2147483647. */
  unlimited: boolean;
  /** Null for unlimited titles: Apple's 2147483647, or no count at all under `unlimitedAssets`. */
  totalCount: number | null;
  availableCount: number | null;
  assignedCount: number;
  /** Null under `unlimitedAssets`, where Apple gives no retired count. */
  retiredCount: number | null;
  deviceAssignable: boolean;
  revocable: boolean;
  supportedPlatforms: string[];
}

export function assetFromApple(wire: AppleAsset): Asset {
  const unlimited = wire.totalCount >= UNLIMITED_LICENSE_COUNT;
  return {
    adamId: wire.adamId,
    pricingParam: wire.pricingParam,
    productType: wire.productType,
    unlimited,
    totalCount: unlimited ? null : wire.totalCount,
    availableCount: unlimited ? null : wire.availableCount,
    assignedCount: wire.assignedCount,
    retiredCount: wire.retiredCount,
    deviceAssignable: wire.deviceAssignable,
    revocable: wire.revocable,
    supportedPlatforms: wire.supportedPlatforms,
  };
}

export function unlimitedAssetFromApple(wire: AppleUnlimitedAsset): Asset {
  return {
    adamId: wire.adamId,
    pricingParam: wire.pricingParam,
    productType: wire.productType,
    unlimited: true,
    totalCount: null,
    availableCount: null,
    assignedCount: wire.assignedCount,
    retiredCount: null,
    deviceAssignable: wire.deviceAssignable,
    revocable: wire.revocable,
    supportedPlatforms: wire.supportedPlatforms,
  };
}
