/**
 * The page's Content Security Policy, the same in both run modes.
 *
 * No inline or evaluated script, no remote content: everything the page loads is its own.
 * Images may be data: URIs because app icons are cached that way.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
