import { z } from 'zod';

/**
 * The content metadata lookup (`urls.contentMetadataLookup` of service config), as Apple's
 * "Getting app and book information (Legacy)" page shows it.
 *
 * `results` is an object keyed by the asked adamIds; `id` comes as a string in live answers and
 * as a number in Apple's first sample; `artwork` is one object whose `url` is a template
 * (`{w}x{h}bb.{f}`) in live answers, or an array of sized images in that first sample. An empty
 * `results` means the id is unknown, the location has no access to it, or the `itvt` cookie
 * did not authenticate (`isAuthenticated` is always false, so it says nothing).
 */
const artworkImageSchema = z.object({
  url: z.string().min(1),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
});

export const appleContentMetadataSchema = z.object({
  id: z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String).optional(),
  name: z.string().optional(),
  nameRaw: z.string().optional(),
  bundleId: z.string().optional(),
  kind: z.string().optional(),
  deviceFamilies: z.array(z.string()).optional(),
  minimumOSVersion: z.string().optional(),
  artwork: z.union([artworkImageSchema, z.array(artworkImageSchema)]).optional(),
  offers: z.array(z.object({ version: z.object({ display: z.string().optional() }).optional() })).optional(),
  isB2BCustomApp: z.boolean().optional(),
});

export const appleContentMetadataAnswerSchema = z.object({
  results: z.record(z.string(), z.unknown()).default({}),
});

export type AppleContentMetadata = z.infer<typeof appleContentMetadataSchema>;
export type AppleArtworkImage = z.infer<typeof artworkImageSchema>;
