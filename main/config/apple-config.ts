import type { AppleConfig } from '../app';

/**
 * Where Apple is: production unless `MD_APPLE_BASE_URL` names another v2 base, such as the
 * sandbox `npm run sandbox` prints (for trying the app without an Apple account, and for tests).
 *
 * The app lookup (names and icons) is at `MD_APPLE_LOOKUP_URL`; when only the v2 base is set,
 * at that base's origin, which is where the sandbox serves `/lookup`.
 */
export function appleConfigFromEnv(env: Readonly<Record<string, string | undefined>>): AppleConfig {
  const base = trustedUrl(env, 'MD_APPLE_BASE_URL');
  const lookup = trustedUrl(env, 'MD_APPLE_LOOKUP_URL');
  const config: AppleConfig = {};
  if (base) config.baseUrl = withoutTrailingSlash(base);
  if (lookup) config.lookupBaseUrl = withoutTrailingSlash(lookup);
  else if (base) config.lookupBaseUrl = base.origin;
  return config;
}

function trustedUrl(env: Readonly<Record<string, string | undefined>>, name: string): URL | null {
  const text = env[name]?.trim();
  if (!text) return null;
  const parsed = new URL(text);
  if (parsed.protocol !== 'https:' && parsed.hostname !== '127.0.0.1' && parsed.hostname !== 'localhost') {
    throw new Error(`${name} must use https (or point at this machine), not "${text}".`);
  }
  return parsed;
}

function withoutTrailingSlash(url: URL): string {
  return url.href.replace(/\/$/, '');
}
