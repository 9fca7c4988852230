import { readFileSync } from 'node:fs';

/**
 * The `version` of the package.json at `url`, or "unknown".
 *
 * Browser mode has no `app.getVersion()`; the diagnostics report still names the version
 * the admin runs, and a missing file must not stop the app.
 */
export function packageVersion(url: URL): string {
  try {
    const version = (JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
