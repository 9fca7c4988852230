/**
 * Which loads the desktop window may make, as a pure decision for `webRequest.onBeforeRequest`.
 *
 * The page is our own files and nothing else: no remote script, style, frame or beacon, and no
 * local file outside the built renderer (an injected `<img src="file:///etc/passwd">` or a
 * `file://server/share` that would hand Windows credentials to another machine). data: URLs
 * stay allowed for app icons, which the CSP already limits to images; devtools: is Chromium's
 * own developer tools, only present in unpackaged builds.
 */
export function mayLoadResource(url: string, rendererRootUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol === 'data:' || target.protocol === 'devtools:') return true;
  if (target.protocol !== 'file:') return false;

  const root = new URL(rendererRootUrl);
  const targetPath = decodedPath(target.pathname);
  const rootPath = decodedPath(root.pathname.endsWith('/') ? root.pathname : `${root.pathname}/`);
  if (targetPath === null || rootPath === null || target.host !== root.host) return false;
  // Windows paths ignore case; a drive letter tells us we are on one.
  const windowsPath = /^\/[A-Za-z]:\//.test(rootPath);
  return windowsPath ? targetPath.toLowerCase().startsWith(rootPath.toLowerCase()) : targetPath.startsWith(rootPath);
}

/**
 * A URL path with its escapes decoded, or null when decoding could smuggle a separator.
 *
 * `new URL` has already resolved `..` and `%2e%2e` segments; an escaped slash, backslash or NUL
 * would only become a separator after that, so such a path is refused instead of compared.
 */
function decodedPath(pathname: string): string | null {
  if (/%(2f|5c|00)/i.test(pathname) || pathname.includes('\\')) return null;
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}
