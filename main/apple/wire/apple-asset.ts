import { z } from 'zod';
import { appleAdamIdSchema, applePageFields, applePricingParamSchema, appleProductTypeSchema } from './apple-common';

const count = z.number().int().nonnegative();

const appleAssetSchema = z.object({
  adamId: appleAdamIdSchema,
  pricingParam: applePricingParamSchema,
  productType: appleProductTypeSchema,
  assignedCount: count,
  availableCount: count,
  retiredCount: count.default(0),
  totalCount: count,
  deviceAssignable: z.boolean(),
  revocable: z.boolean(),
  supportedPlatforms: z.array(z.string()).default([]),
});

/**
 * With `unlimited=true` free titles come under `unlimitedAssets`. Apple's UnlimitedResponseAsset
 * omits only `availableCount`, `totalCount` and `retiredCount`, "which don't apply to unlimited
 * licenses": the assigned count and what the title allows are still there.
 */
const appleUnlimitedAssetSchema = appleAssetSchema.omit({ availableCount: true, totalCount: true, retiredCount: true });

export const appleAssetsPageSchema = z.object({
  ...applePageFields,
  assets: z.array(appleAssetSchema).default([]),
  unlimitedAssets: z.array(appleUnlimitedAssetSchema).optional(),
});

export type AppleAsset = z.infer<typeof appleAssetSchema>;
export type AppleUnlimitedAsset = z.infer<typeof appleUnlimitedAssetSchema>;
