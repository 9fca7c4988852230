import type { CustomScheme } from 'electron';

/**
 * Where the desktop window's page comes from: `app://renderer/`, our own scheme, not file://.
 *
 * Electron's security checklist asks for this: a file:// page shares its origin with every
 * local file, and needs extra privileges for module scripts. Our scheme is one origin that
 * answers only the built renderer's files (renderer-protocol.ts).
 */
export const APP_SCHEME = 'app';
export const RENDERER_ROOT_URL = `${APP_SCHEME}://renderer/`;
export const PAGE_URL = `${RENDERER_ROOT_URL}index.html`;

/**
 * Registered before the app is ready: a standard scheme (URLs with a host and relative links
 * that resolve), secure (a secure context, as https is) and reachable by fetch. It gets no
 * bypass of the page's CSP and no service workers.
 */
export const privilegedSchemes: CustomScheme[] = [{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }];
