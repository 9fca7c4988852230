import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { DomainError } from '../errors/domain-error';
import { isVpptokenPath } from '../window/token-file-argument';

/** Longer than any service token Apple issues (a few kilobytes of base64). */
export const MAX_TOKEN_FILE_CHARS = 20_000;

/** UTF-8 takes at most four bytes a character, so a bigger file cannot be within the limit. */
const MAX_TOKEN_FILE_BYTES = MAX_TOKEN_FILE_CHARS * 4;

/**
 * The text of a `.vpptoken` file the admin opened, for the Add Token dialog to prefill.
 *
 * The path came from the operating system (a double-click, argv), so it is checked like any
 * outside input: the right extension, a regular file, and a size a token can have, before
 * anything is read.
 */
export async function readTokenFile(path: string): Promise<{ fileName: string; text: string }> {
  const fileName = basename(path);
  if (!isVpptokenPath(path)) {
    throw new DomainError('VALIDATION', `"${fileName}" is not a service token file. Open the .vpptoken file you downloaded from Apple School Manager.`);
  }
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw new DomainError('NOT_FOUND', `"${fileName}" could not be opened. It may have been moved or deleted; download the token again from Apple School Manager.`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > MAX_TOKEN_FILE_BYTES) throw tooLong(fileName);
    const text = await handle.readFile('utf8');
    if (text.length > MAX_TOKEN_FILE_CHARS) throw tooLong(fileName);
    return { fileName, text };
  } finally {
    await handle.close();
  }
}

function tooLong(fileName: string): DomainError {
  return new DomainError(
    'VALIDATION',
    `"${fileName}" is too large to be a service token (a token is at most ${MAX_TOKEN_FILE_CHARS.toLocaleString('en-US')} characters). Download the token again from Apple School Manager.`,
  );
}
