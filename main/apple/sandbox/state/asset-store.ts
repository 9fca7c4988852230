import { UNLIMITED_LICENSE_COUNT } from '../../model/asset';
import type { AppleAsset } from '../../wire/apple-asset';

export interface SandboxAsset {
  adamId: string;
  pricingParam: string;
  productType: 'App' | 'Book';
  totalCount: number;
  assignedCount: number;
  retiredCount: number;
  deviceAssignable: boolean;
  revocable: boolean;
  supportedPlatforms: string[];
  /** Position in the location's list; assignments refer to assets by it. */
  index: number;
}

export type SandboxAssetSpec = Omit<SandboxAsset, 'index' | 'assignedCount' | 'retiredCount'> & { retiredCount?: number };

/** The license pools of one location. */
export class AssetStore {
  readonly rows: SandboxAsset[] = [];
  private readonly byAdamId = new Map<string, SandboxAsset>();

  add(spec: SandboxAssetSpec): SandboxAsset {
    if (this.byAdamId.has(spec.adamId)) throw new Error(`Asset ${spec.adamId} already exists in this location.`);
    const asset: SandboxAsset = { ...spec, retiredCount: spec.retiredCount ?? 0, assignedCount: 0, index: this.rows.length };
    this.rows.push(asset);
    this.byAdamId.set(asset.adamId, asset);
    return asset;
  }

  get(adamId: string): SandboxAsset | undefined {
    return this.byAdamId.get(adamId);
  }

  at(index: number): SandboxAsset {
    const asset = this.rows[index];
    if (!asset) throw new Error(`No asset at index ${index}.`);
    return asset;
  }

  static isUnlimited(asset: SandboxAsset): boolean {
    return asset.totalCount >= UNLIMITED_LICENSE_COUNT;
  }

  static available(asset: SandboxAsset): number {
    return Math.max(0, asset.totalCount - asset.assignedCount);
  }

  static toApple(asset: SandboxAsset): AppleAsset {
    return {
      adamId: asset.adamId,
      pricingParam: asset.pricingParam,
      productType: asset.productType,
      assignedCount: asset.assignedCount,
      availableCount: AssetStore.available(asset),
      retiredCount: asset.retiredCount,
      totalCount: asset.totalCount,
      deviceAssignable: asset.deviceAssignable,
      revocable: asset.revocable,
      supportedPlatforms: asset.supportedPlatforms,
    };
  }
}
