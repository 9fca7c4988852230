import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../main/errors/domain-error';
import { parseServiceToken } from '../../../main/apple/token/token-parser';

const now = new Date('2026-03-02T09:00:00Z');
const secret = 'h40Gte9aQnZFDNM39IUkRPCsQDxBxbZB4Wy34pxefOuQkeeb3h2a5Rlopo4KDn3MrFKf4CM3OY+WGAoZ1cD6iZ6yzsMk1+5PVBNc66YS6ZQ=';

function encode(content: unknown): string {
  return Buffer.from(typeof content === 'string' ? content : JSON.stringify(content), 'utf8').toString('base64');
}

function tokenFile(fields: Record<string, unknown>): string {
  return encode({ token: secret, expDate: '2026-11-08T22:33:22+0000', orgName: 'Lincoln District', ...fields });
}

function failure(text: string): DomainError {
  try {
    parseServiceToken(text, now);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('parseServiceToken: accepted tokens', () => {
  it.each([
    ['+0000', '2026-11-08T22:33:22+0000', '2026-11-08T22:33:22.000Z'],
    ['-0700', '2026-11-08T22:33:22-0700', '2026-11-09T05:33:22.000Z'],
    ['+02:00', '2026-11-08T22:33:22+02:00', '2026-11-08T20:33:22.000Z'],
    ['Z', '2026-11-08T22:33:22Z', '2026-11-08T22:33:22.000Z'],
    ['fractional seconds', '2026-11-08T22:33:22.250+0000', '2026-11-08T22:33:22.250Z'],
  ])('reads an expiry date with offset %s', (_name, expDate, expected) => {
    const parsed = parseServiceToken(tokenFile({ expDate }), now);
    expect(parsed.expiresAt.toISOString()).toBe(expected);
    expect(parsed.orgName).toBe('Lincoln District');
    expect(parsed.warning).toBeNull();
  });

  it('returns the whole Base64 text as the bearer token and a SHA-256 prefix as fingerprint', () => {
    const text = tokenFile({});
    const parsed = parseServiceToken(text, now);
    expect(parsed.token).toBe(text);
    expect(parsed.fingerprint).toBe(createHash('sha256').update(text).digest('hex').slice(0, 16));
    expect(parsed.fingerprint).not.toBe(parseServiceToken(tokenFile({ token: 'other' }), now).fingerprint);
  });

  it('strips a byte-order mark, spaces and the line breaks of a text editor before decoding', () => {
    const text = tokenFile({});
    const pasted = `\uFEFF  ${text.match(/.{1,60}/g)?.join('\r\n')}\n\t \n`;
    const parsed = parseServiceToken(pasted, now);
    expect(parsed.token).toBe(text);
    expect(parsed.fingerprint).toBe(parseServiceToken(text, now).fingerprint);
  });

  it('ignores a byte-order mark inside the decoded file and fields Apple may add', () => {
    const text = encode(`\uFEFF${JSON.stringify({ token: secret, expDate: '2026-11-08T22:33:22+0000', orgName: 'X', extra: 1 })}`);
    expect(parseServiceToken(text, now).orgName).toBe('X');
  });

  it('warns, without refusing, when the token expires within 30 days', () => {
    const parsed = parseServiceToken(tokenFile({ expDate: '2026-03-12T09:00:00+0000' }), now);
    expect(parsed.warning).toBe('The token expires on 2026-03-12 (in 10 days). Download a new one from Apple School Manager soon.');
    expect(parseServiceToken(tokenFile({ expDate: '2026-04-01T09:00:00Z' }), now).warning).toBe(
      'The token expires on 2026-04-01 (in 30 days). Download a new one from Apple School Manager soon.',
    );
    expect(parseServiceToken(tokenFile({ expDate: '2026-04-02T09:00:00Z' }), now).warning).toBeNull();
    expect(parseServiceToken(tokenFile({ expDate: '2026-03-03T08:00:00Z' }), now).warning).toBe(
      'The token expires on 2026-03-03 (in 1 day). Download a new one from Apple School Manager soon.',
    );
  });
});

describe('parseServiceToken: refused tokens', () => {
  it.each([
    ['empty text', '', 'TOKEN_INVALID', 'The token is empty. Paste the content of the .vpptoken file downloaded from Apple School Manager.'],
    ['only whitespace', ' \r\n\t', 'TOKEN_INVALID', 'The token is empty. Paste the content of the .vpptoken file downloaded from Apple School Manager.'],
    ['not Base64', 'this is not a token!', 'TOKEN_INVALID', 'The token is not valid: it must be the Base64 text of the .vpptoken file, pasted whole.'],
    ['decoded JSON pasted instead of the file', JSON.stringify({ token: secret }), 'TOKEN_INVALID', 'The token is not valid: it must be the Base64 text of the .vpptoken file, pasted whole.'],
    ['a truncated Base64 text', 'abcde', 'TOKEN_INVALID', 'The token is not valid: it must be the Base64 text of the .vpptoken file, pasted whole.'],
    ['Base64 of plain text', encode('hello, world'), 'TOKEN_INVALID', "The token is not valid: its content is not the data Apple puts in a .vpptoken file. Download the token again."],
    ['Base64 of a JSON list', encode([1, 2]), 'TOKEN_INVALID', "The token is not valid: its content is not the data Apple puts in a .vpptoken file. Download the token again."],
    ['no token field', encode({ expDate: '2026-11-08T22:33:22+0000', orgName: 'X' }), 'TOKEN_INVALID', 'The token is not valid: it has no "token". Download the token again from Apple School Manager.'],
    ['no expDate field', encode({ token: secret, orgName: 'X' }), 'TOKEN_INVALID', 'The token is not valid: it has no "expDate". Download the token again from Apple School Manager.'],
    ['no orgName field', encode({ token: secret, expDate: '2026-11-08T22:33:22+0000' }), 'TOKEN_INVALID', 'The token is not valid: it has no "orgName". Download the token again from Apple School Manager.'],
    ['an empty orgName', tokenFile({ orgName: '' }), 'TOKEN_INVALID', 'The token is not valid: it has no "orgName". Download the token again from Apple School Manager.'],
    ['a token field that is not text', tokenFile({ token: 42 }), 'TOKEN_INVALID', 'The token is not valid: its "token" is not text. Download the token again from Apple School Manager.'],
    ['an expiry that is not a date', tokenFile({ expDate: 'next year' }), 'TOKEN_INVALID', 'The token is not valid: its expiry date "next year" is not a date.'],
    ['an impossible calendar day', tokenFile({ expDate: '2026-02-31T10:00:00+0000' }), 'TOKEN_INVALID', 'The token is not valid: its expiry date "2026-02-31T10:00:00+0000" is not a date.'],
    ['an expiry without an offset', tokenFile({ expDate: '2026-11-08T22:33:22' }), 'TOKEN_INVALID', 'The token is not valid: its expiry date "2026-11-08T22:33:22" is not a date.'],
    ['an expired token', tokenFile({ expDate: '2026-01-31T22:33:22-0700' }), 'TOKEN_EXPIRED', 'The token already expired on 2026-02-01. Sign in to Apple School Manager and download a new token.'],
    ['a token expiring this very second', tokenFile({ expDate: '2026-03-02T09:00:00Z' }), 'TOKEN_EXPIRED', 'The token already expired on 2026-03-02. Sign in to Apple School Manager and download a new token.'],
  ])('refuses %s with its own message', (_name, text, code, message) => {
    const error = failure(text);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('never puts the secret into a message', () => {
    for (const text of [tokenFile({ expDate: 'soon' }), tokenFile({ expDate: '2020-01-01T00:00:00Z' }), tokenFile({ orgName: 7 })]) {
      expect(failure(text).message).not.toContain(secret.slice(0, 12));
    }
  });
});
