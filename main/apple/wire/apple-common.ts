import { z } from 'zod';

/** Apple sends adamIds as strings in v2, but numbers appear in older answers: accept both. */
export const appleAdamIdSchema = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);

/** `STDQ` and `PLUS` are documented; Apple Arcade titles use others, so any text is kept. */
export const applePricingParamSchema = z.string().min(1);

export const appleProductTypeSchema = z.enum(['App', 'Book']);

/**
 * The MDM that claimed the location, as answers name it.
 *
 * Lenient: answers of locations claimed before Apple required every field may lack
 * `metadata`; requests must send all three (see the client config request).
 */
export const appleMdmInfoAnswerSchema = z.object({
  id: z.string(),
  name: z.string(),
  metadata: z.string().optional(),
});

/** The fields most answers carry besides their own data; `mdmInfo` appears once an MDM has claimed the location. */
export const appleCommonAnswerFields = {
  uId: z.string().optional(),
  tokenExpirationDate: z.string().optional(),
  mdmInfo: appleMdmInfoAnswerSchema.optional(),
};

/** The paging fields of /assets, /assignments and /users. */
export const applePageFields = {
  ...appleCommonAnswerFields,
  currentPageIndex: z.number().int().nonnegative(),
  nextPageIndex: z.number().int().nonnegative().optional(),
  totalPages: z.number().int().nonnegative(),
  size: z.number().int().nonnegative().optional(),
  versionId: z.string().optional(),
};
