import { z } from 'zod';
import { id } from './directory-schemas';

// Base64 of the file bytes, so main can tell a file that is not UTF-8 from one that is.
const MAX_FILE_BASE64 = 96 * 1024 * 1024;

export const RosterFiles = z
  .array(
    z.strictObject({
      name: z.string().trim().min(1).max(200),
      base64: z.string().max(MAX_FILE_BASE64, 'A file is larger than 64 MB.'),
    }),
  )
  .min(1, 'Choose at least locations.csv.')
  .max(20, 'Choose at most the seven roster files.');

export const ImportInput = z.strictObject({ parentGroupId: id, files: RosterFiles });

export const ImportProblem = z.object({ file: z.string(), line: z.number().int().nullable(), message: z.string() });

export const ImportCheck = z.object({
  problems: z.array(ImportProblem),
  warnings: z.array(ImportProblem),
  /** Rows read per file, when the files are valid. */
  rows: z.record(z.string(), z.number().int()),
});
