import { z } from 'zod';
import { appleAdamIdSchema, applePricingParamSchema } from './apple-common';

/** POST /assets/associate and /assets/disassociate request. */
export const appleAssetsRequestSchema = z.object({
  assets: z.array(z.object({ adamId: appleAdamIdSchema, pricingParam: applePricingParamSchema.optional() })),
  clientUserIds: z.array(z.string().min(1)).optional(),
  serialNumbers: z.array(z.string().min(1)).optional(),
});

/** POST /assets/revoke request: every revocable license of these users and devices. */
export const appleRevokeRequestSchema = z.object({
  clientUserIds: z.array(z.string().min(1)).optional(),
  serialNumbers: z.array(z.string().min(1)).optional(),
});
