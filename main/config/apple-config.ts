import type { AppleConfig } from '../app';

/**
 * Where Apple is: production unless `MD_APPLE_BASE_URL` names another v2 base, such as the
 * sandbox `npm run sandbox` prints (for trying the app without an Apple account, and for tests).
 *
 * The app lookup (names and icons) is at `MD_APPLE_LOOKUP_URL`; when only the v2 base is set,
 * at that base's origin, which is where the sandbox serves `/lookup`.
 *
 * Apple asks for at least 30 seconds between event polls; a sandbox on this machine does not,
 * so against it the app polls every second and writes finish as fast as the sandbox does.
 */
export function appleConfigFromEnv(env: Readonly<Record<string, string | undefined>>): AppleConfig {
  const base = trustedUrl(env, 'MD_APPLE_BASE_URL');
  const lookup = trustedUrl(env, 'MD_APPLE_LOOKUP_URL');
  const config: AppleConfig = {};
  if (base) config.baseUrl = withoutTrailingSlash(base);
  if (base && isThisMachine(base)) config.eventPollMs = SANDBOX_EVENT_POLL_MS;
  if (lookup) config.lookupBaseUrl = withoutTrailingSlash(lookup);
  else if (base) config.lookupBaseUrl = base.origin;
  return config;
}

export const SANDBOX_EVENT_POLL_MS = 1000;

function isThisMachine(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost';
}

function trustedUrl(env: Readonly<Record<string, string | undefined>>, name: string): URL | null {
  const text = env[name]?.trim();
  if (!text) return null;
  const parsed = new URL(text);
  if (parsed.protocol !== 'https:' && !isThisMachine(parsed)) {
    throw new Error(`${name} must use https (or point at this machine), not "${text}".`);
  }
  return parsed;
}

function withoutTrailingSlash(url: URL): string {
  return url.href.replace(/\/$/, '');
}
