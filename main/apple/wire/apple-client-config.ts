import { z } from 'zod';
import { appleCommonAnswerFields } from './apple-common';

const appleMdmInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  metadata: z.string().optional(),
});

/** GET and POST /client/config answer: the location the token stands for. */
export const appleClientConfigSchema = z.object({
  ...appleCommonAnswerFields,
  locationName: z.string(),
  uId: z.string(),
  countryISO2ACode: z.string().optional(),
  defaultPlatform: z.string().optional(),
  websiteURL: z.string().optional(),
  mdmInfo: appleMdmInfoSchema.optional(),
  notificationUrl: z.string().optional(),
  notificationTypes: z.array(z.string()).optional(),
});

/** POST /client/config request. */
export const appleClientConfigRequestSchema = z.object({
  mdmInfo: appleMdmInfoSchema.optional(),
  notificationUrl: z.string().optional(),
  notificationAuthToken: z.string().optional(),
  notificationTypes: z.array(z.string()).optional(),
});

export type AppleMdmInfo = z.infer<typeof appleMdmInfoSchema>;
export type AppleClientConfig = z.infer<typeof appleClientConfigSchema>;
export type AppleClientConfigRequest = z.infer<typeof appleClientConfigRequestSchema>;
