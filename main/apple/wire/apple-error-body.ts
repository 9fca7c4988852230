import { z } from 'zod';
import { appleAdamIdSchema, applePricingParamSchema } from './apple-common';

export const appleErrorInfoSchema = z.object({
  assets: z.array(z.object({ adamId: appleAdamIdSchema, pricingParam: applePricingParamSchema.optional() })).optional(),
  clientUserIds: z.array(z.string()).optional(),
  serialNumbers: z.array(z.string()).optional(),
});

/** Apple's error answer; it can arrive with any HTTP status, 200 included. */
export const appleErrorBodySchema = z.object({
  errorNumber: z.number().int(),
  errorMessage: z.string().optional(),
  errorInfo: appleErrorInfoSchema.optional(),
});
