import { z } from 'zod';
import { DomainError } from '../../errors/domain-error';
import { parseAppleDate } from '../wire/apple-date';
import { tokenFingerprint } from './token-fingerprint';
import { tokenMessages } from './token-messages';

/** A token that expires within this many days is accepted with a warning. */
const TOKEN_EXPIRY_WARNING_DAYS = 30;

const dayMillis = 24 * 60 * 60 * 1000;
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;
const requiredFields = ['token', 'expDate', 'orgName'] as const;

/** The decoded `.vpptoken` content; Apple may add fields, which are ignored. */
const appleTokenFileSchema = z.object({
  token: z.string().min(1),
  expDate: z.string().min(1),
  orgName: z.string().min(1),
});

export interface ParsedServiceToken {
  /** The whole Base64 text, whitespace removed: exactly what Apple expects as bearer. Secret. */
  token: string;
  orgName: string;
  expiresAt: Date;
  fingerprint: string;
  /** Set when the token expires within 30 days: accepted, but the admin should renew soon. */
  warning: string | null;
}

/**
 * Reads an sToken as an admin pastes it or as a `.vpptoken` file holds it.
 *
 * Text editors add line breaks, spaces and a byte-order mark; all are removed before the
 * Base64 is decoded. Every way it can be wrong gets its own sentence, so the admin knows
 * whether to paste again or download again. Nothing here logs the token.
 */
export function parseServiceToken(text: string, now: Date): ParsedServiceToken {
  // JavaScript's \s covers the byte-order mark as well as spaces and line breaks.
  const token = text.replace(/\s+/g, '');
  if (token === '') throw invalid(tokenMessages.empty);
  if (!base64Pattern.test(token) || token.replace(/=+$/, '').length % 4 === 1) throw invalid(tokenMessages.notBase64);

  const fields = decodeTokenFile(token);
  const expiresAt = parseAppleDate(fields.expDate);
  if (!expiresAt) throw invalid(tokenMessages.badDate(fields.expDate));
  const day = expiresAt.toISOString().slice(0, 10);
  if (expiresAt.getTime() <= now.getTime()) throw new DomainError('TOKEN_EXPIRED', tokenMessages.expired(day));

  const daysLeft = Math.ceil((expiresAt.getTime() - now.getTime()) / dayMillis);
  return {
    token,
    orgName: fields.orgName,
    expiresAt,
    fingerprint: tokenFingerprint(token),
    warning: daysLeft <= TOKEN_EXPIRY_WARNING_DAYS ? tokenMessages.expiringSoon(day, daysLeft) : null,
  };
}

function decodeTokenFile(token: string): z.infer<typeof appleTokenFileSchema> {
  const decoded = Buffer.from(token, 'base64').toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(decoded);
  } catch {
    throw invalid(tokenMessages.notJson);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid(tokenMessages.notJson);

  const record = json as Record<string, unknown>;
  for (const field of requiredFields) {
    const value = record[field];
    if (value === undefined || value === null || value === '') throw invalid(tokenMessages.missingField(field));
    if (typeof value !== 'string') throw invalid(tokenMessages.badField(field));
  }
  return appleTokenFileSchema.parse(record);
}

function invalid(message: string): DomainError {
  return new DomainError('TOKEN_INVALID', message);
}
