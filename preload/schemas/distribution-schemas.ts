import { z } from 'zod';
import { id, nameText } from './directory-schemas';

export const tokenStatuses = ['valid', 'expiring', 'expired', 'revoked', 'invalid'] as const;

export const TokenView = z.object({
  id,
  serviceId: id,
  fingerprint: z.string(),
  orgName: z.string(),
  locationName: z.string(),
  locationUid: z.string(),
  country: z.string().nullable(),
  expiresAt: z.string(),
  status: z.enum(tokenStatuses),
  active: z.boolean(),
  /** Another MDM server Apple says manages this location, if any. */
  otherMdm: z.string().nullable(),
  addedBy: z.string().nullable(),
  addedAt: z.string(),
  checkedAt: z.string().nullable(),
  /** Apple's last refusal of the token as not valid, and when it was asked again (null until then). */
  refusal: z.object({ refusedAt: z.string(), checkedAt: z.string().nullable() }).nullable(),
});

export const ServiceView = z.object({
  id,
  groupId: id,
  groupName: z.string(),
  name: z.string(),
  locationUid: z.string().nullable(),
  locationName: z.string().nullable(),
  inherited: z.boolean(),
  tokens: z.array(TokenView),
  activeTokenId: id.nullable(),
  directAdmin: z.boolean(),
  usableHere: z.boolean(),
  mayRemoveTokens: z.boolean(),
  /** Another MDM Apple has named as the location's manager since this app claimed it, and when that was last read. */
  otherMdm: z.object({ name: z.string(), seenAt: z.string() }).nullable(),
});

export const UsableToken = z.object({
  tokenId: id,
  serviceId: id,
  serviceName: z.string(),
  groupName: z.string(),
  locationName: z.string(),
});

export const serviceName = nameText('Enter a name for the service.', 100);

export const AddTokenInput = z.strictObject({
  serviceId: id,
  token: z.string().max(20_000, 'This is far longer than a service token. Paste only the content of the .vpptoken file.'),
  makeActive: z.boolean(),
  /** Names this check so the dialog can cancel it. */
  checkId: z.string().uuid(),
  /** The admin's yes to "Apple says another MDM manages this location. Take it over?". */
  takeOver: z.boolean().default(false),
});

export const MakeActiveInput = z.strictObject({ tokenId: id, takeOver: z.boolean().default(false) });
