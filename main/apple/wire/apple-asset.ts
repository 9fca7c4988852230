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

/** With `unlimited=true` free titles come without counts. */
const appleUnlimitedAssetSchema = appleAssetSchema.partial({
  assignedCount: true,
  availableCount: true,
  retiredCount: true,
  totalCount: true,
  deviceAssignable: true,
  revocable: true,
});

export const appleAssetsPageSchema = z.object({
  ...applePageFields,
  assets: z.array(appleAssetSchema).default([]),
  unlimitedAssets: z.array(appleUnlimitedAssetSchema).optional(),
});

export type AppleAsset = z.infer<typeof appleAssetSchema>;
export type AppleUnlimitedAsset = z.infer<typeof appleUnlimitedAssetSchema>;
