/** What a removed value reads as in the report. */
export const REDACTED = '[redacted]';

/**
 * Field names whose text values are never copied: passwords, tokens, API keys, invitation
 * codes, login names.
 *
 * Deliberately broad; an id or count under such a name is a number and is kept, so support
 * loses little.
 */
const SECRET_NAME = /pass|secret|token|key|invite|code|credential|cookie|auth|session|user|login/i;

/**
 * A long unbroken run of base64, hex or JWT characters: the shape of a service token, an
 * API key or a session id, whatever field it hides in.
 */
const SECRET_SHAPE = /[A-Za-z0-9+/=_\-.]{24,}/g;
const PEM_BLOCK = /-----BEGIN[\s\S]*?(-----END[^-]*-----|$)/g;

/** `text` with every secret-shaped run replaced. */
export function redactText(text: string): string {
  return text.replace(PEM_BLOCK, REDACTED).replace(SECRET_SHAPE, REDACTED);
}

/**
 * A copy of `value` safe to hand to support: secret-named fields emptied, secret-shaped text
 * cut out of every other string.
 */
export function redactValue(value: unknown, name = ''): unknown {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return value;
  if (SECRET_NAME.test(name)) return REDACTED;
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, redactValue(item, key)]));
  }
  return REDACTED;
}
