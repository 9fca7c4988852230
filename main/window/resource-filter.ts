/**
 * Which loads the desktop window may make, as a pure decision for `webRequest.onBeforeRequest`.
 *
 * The page is our own files and nothing else: only the renderer's own origin (`app://renderer/`,
 * answered from the built renderer folder alone), no remote script, style, frame or beacon, and
 * no file:// at all (an injected `<img src="file:///etc/passwd">`, or a `file://server/share`
 * that would hand Windows credentials to another machine). data: URLs stay allowed for app
 * icons, which the CSP already limits to images; devtools: is Chromium's own developer tools,
 * only present in unpackaged builds.
 */
export function mayLoadResource(url: string, rendererRootUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol === 'data:' || target.protocol === 'devtools:') return true;
  const root = new URL(rendererRootUrl);
  if (target.protocol !== root.protocol || target.host.toLowerCase() !== root.host.toLowerCase()) return false;
  if (target.username || target.password || target.port) return false;
  return !smugglesSeparator(target.pathname);
}

/**
 * True when a path's escapes would only become a separator after `new URL` resolved `..`:
 * such a path is refused here, before the scheme handler, which refuses it too.
 */
function smugglesSeparator(pathname: string): boolean {
  if (/%(2f|5c|00)/i.test(pathname) || pathname.includes('\\')) return true;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
