import { z } from 'zod';

const limit = z.number().int().positive();

const appleServiceLimitsSchema = z.object({
  maxAssets: limit,
  maxUsers: limit,
  maxClientUserIds: limit,
  maxSerialNumbers: limit,
  maxRevokeClientUserIds: limit,
  maxRevokeSerialNumbers: limit,
  maxNotificationLength: limit.default(512),
  maxMdmNameLength: limit.default(100),
  maxMdmMetadataLength: limit.default(255),
  maxMdmIdLength: limit.default(100),
});

/** GET /service/config: limits, URLs and the error codes of Apple's service (no token needed). */
export const appleServiceConfigSchema = z.object({
  limits: appleServiceLimitsSchema,
  urls: z.object({
    invitationEmail: z.string().min(1),
    contentMetadataLookup: z.string().optional(),
    vppWebsite: z.string().optional(),
  }),
  errorCodes: z.array(z.object({ errorNumber: z.number().int(), errorMessage: z.string() })).default([]),
  notificationTypes: z.array(z.string()).default([]),
});

export type AppleServiceLimits = z.infer<typeof appleServiceLimitsSchema>;
export type AppleServiceConfig = z.infer<typeof appleServiceConfigSchema>;
