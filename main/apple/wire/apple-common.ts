import { z } from 'zod';

/** Apple sends adamIds as strings in v2, but numbers appear in older answers: accept both. */
export const appleAdamIdSchema = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);

/** `STDQ` and `PLUS` are documented; Apple Arcade titles use others, so any text is kept. */
export const applePricingParamSchema = z.string().min(1);

export const appleProductTypeSchema = z.enum(['App', 'Book']);

/** The fields most answers carry besides their own data. */
export const appleCommonAnswerFields = {
  uId: z.string().optional(),
  tokenExpirationDate: z.string().optional(),
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
