import type { AppleConfig } from '../app';

/**
 * Where Apple is: production unless `MD_APPLE_BASE_URL` names another v2 base, such as the
 * sandbox `npm run sandbox` prints (for trying the app without an Apple account, and for tests).
 */
export function appleConfigFromEnv(env: Readonly<Record<string, string | undefined>>): AppleConfig {
  const baseUrl = env.MD_APPLE_BASE_URL?.trim();
  if (!baseUrl) return {};
  const parsed = new URL(baseUrl);
  if (parsed.protocol !== 'https:' && parsed.hostname !== '127.0.0.1' && parsed.hostname !== 'localhost') {
    throw new Error(`MD_APPLE_BASE_URL must use https (or point at this machine), not "${baseUrl}".`);
  }
  return { baseUrl: parsed.href.replace(/\/$/, '') };
}
