/**
 * Where the window may go and who may talk to main, as pure decisions.
 *
 * The window shows one page, ours, loaded from the app's own files. Anything else a link,
 * script or drop could try (another site, a `javascript:` URL, a local file) is refused.
 */

function withoutFragment(url: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    parsed.search = '';
    return parsed.href;
  } catch {
    return null;
  }
}

/** True only for our own page (a reload, or an in-page fragment change). */
export function isOwnPage(url: string, pageUrl: string): boolean {
  const target = withoutFragment(url);
  return target !== null && target === withoutFragment(pageUrl);
}

/** `will-navigate` / `will-redirect`: leaving our page is never allowed. */
export function mayNavigate(url: string, pageUrl: string): boolean {
  return isOwnPage(url, pageUrl);
}

/**
 * The address to hand to the system browser for a link the page tried to open, or null.
 *
 * Only plain http(s) links to a named host, without embedded credentials, leave the app.
 */
export function externalLinkTarget(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (!parsed.hostname || parsed.username || parsed.password) return null;
  return parsed.href;
}

/** Camera, notifications, geolocation...: the app needs none, so every request is denied. */
export function mayGrantPermission(_permission: string): boolean {
  return false;
}

/** An IPC message is answered only when it comes from our page's main frame. */
export function isTrustedSender(sender: { url: string; isMainFrame: boolean } | null, pageUrl: string): boolean {
  return sender !== null && sender.isMainFrame && isOwnPage(sender.url, pageUrl);
}
