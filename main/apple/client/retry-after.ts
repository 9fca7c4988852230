/**
 * How long a `Retry-After` header asks us to wait, in milliseconds, or null when it says nothing usable.
 *
 * The header is either whole seconds or an HTTP date; a date in the past means "now".
 */
export function retryAfterMillis(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
