import { z } from 'zod';
import { appleCommonAnswerFields, appleMdmInfoAnswerSchema } from './apple-common';

/** GET and POST /client/config answer: the location the token stands for. */
export const appleClientConfigSchema = z.object({
  ...appleCommonAnswerFields,
  locationName: z.string(),
  uId: z.string(),
  countryISO2ACode: z.string().optional(),
  defaultPlatform: z.string().optional(),
  websiteURL: z.string().optional(),
  notificationUrl: z.string().optional(),
  notificationAuthToken: z.string().optional(),
  /** Answers name the subscribed types so; `notificationTypes` is only the request's field. */
  subscribedNotificationTypes: z.array(z.string()).optional(),
});

/** Apple refuses an `mdmInfo` without all three fields (9723). */
const appleMdmInfoRequestSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  metadata: z.string().min(1),
});

/** POST /client/config request. */
export const appleClientConfigRequestSchema = z.object({
  mdmInfo: appleMdmInfoRequestSchema.optional(),
  notificationUrl: z.string().optional(),
  notificationAuthToken: z.string().optional(),
  notificationTypes: z.array(z.string()).optional(),
});

export type AppleMdmInfo = z.infer<typeof appleMdmInfoAnswerSchema>;
export type AppleClientConfig = z.infer<typeof appleClientConfigSchema>;
export type AppleClientConfigRequest = z.infer<typeof appleClientConfigRequestSchema>;
