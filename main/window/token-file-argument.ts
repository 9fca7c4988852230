import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOKEN_EXTENSION = /\.vpptoken$/i;

/** True for a path naming an Apple service token file (`.vpptoken`, any case). */
export function isVpptokenPath(path: string): boolean {
  return TOKEN_EXTENSION.test(path);
}

/**
 * The `.vpptoken` file the app was started with (or, for `second-instance`, asked to open).
 *
 * Windows passes a double-clicked file as an argument; Linux desktops pass a path or a file:
 * URL; macOS uses the `open-file` event instead. Switches (Chromium adds its own to a second
 * instance's argv) and the value of `--data-dir` are skipped; the executable in argv[0] too.
 * A relative path is resolved against the launching process's working directory.
 */
export function vpptokenPathFromArgs(argv: readonly string[], workingDirectory: string): string | null {
  let found: string | null = null;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') i++;
    if (arg.startsWith('-')) continue;
    const path = localPath(arg);
    if (path !== null && isVpptokenPath(path)) found = isAbsolute(path) ? path : resolve(workingDirectory, path);
  }
  return found;
}

// A scheme has two letters or more, so a Windows drive (`C:\`) is not one.
const URL_SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/** The local path an argument names: itself, or a file: URL's path; null for other URLs. */
function localPath(arg: string): string | null {
  if (!URL_SCHEME.test(arg)) return arg;
  if (!arg.toLowerCase().startsWith('file:')) return null;
  try {
    return fileURLToPath(arg);
  } catch {
    return null;
  }
}
