import type { ErrorCode } from '../../../preload/error-codes';

export interface AppleErrorEntry {
  code: ErrorCode;
  /** One sentence for the admin: what happened and what to do next. */
  message: string;
  /** Whether asking again later can succeed; the retry policy still bounds how often. */
  retryable: boolean;
}

/** Apple 9625, worded as the seed's product rule asks. */
export const TOKEN_REVOKED_MESSAGE =
  'The sToken has been revoked. Sign in to Apple School Manager and download the token again.';

/** Apple 9622, and any 401 that comes without an error number. */
export const TOKEN_NOT_ACCEPTED_MESSAGE =
  'Apple did not accept the sToken. Paste the whole token again, or download a new one from Apple School Manager.';

/**
 * Every Apple error number of apple-api.md, mapped to our code and one admin-facing sentence.
 *
 * Exported so the app can explain event failures and tests can check each row.
 */
export const appleErrorTable: Readonly<Record<number, AppleErrorEntry>> = {
  9601: entry('TOKEN_INVALID', 'Apple asked for a sign-in: the token was not accepted. Add the token again.'),
  9602: entry('VALIDATION', 'Apple refused the request because one of its values is not valid.'),
  9603: retryableEntry('APPLE_UNAVAILABLE', "Apple's service had an internal error. Try again in a few minutes."),
  9609: entry('NOT_FOUND', 'Apple has no registered user with this ID. Sync the Apple users and try again.'),
  9610: retryableEntry('NOT_FOUND', 'Apple could not find the license. Try again in a moment.'),
  9616: entry('CONFLICT', 'This license is already assigned; nothing more needs to be done.'),
  9621: entry('TOKEN_EXPIRED', 'The sToken has expired. Sign in to Apple School Manager, download a new token and add it to this service.'),
  9622: entry('TOKEN_INVALID', TOKEN_NOT_ACCEPTED_MESSAGE),
  9624: entry('CONFLICT', 'This license was refunded and is no longer valid.'),
  9625: entry('TOKEN_REVOKED', TOKEN_REVOKED_MESSAGE),
  9632: entry('CONFLICT', 'Apple received too many identical license requests recently. Wait a while before trying again.'),
  9634: entry('APPLE_UNAVAILABLE', 'Apple has removed the service this request used. Update the app.'),
  9643: entry('CONFLICT', 'This license is locked for a pending transfer. Try again once the transfer is done.'),
  9644: retryableEntry('APPLE_UNAVAILABLE', "Apple's service is down for maintenance. Try again later."),
  9645: entry('FORBIDDEN', "This location is managed by Apple's own device management and is read only here."),
  9646: retryableEntry('APPLE_UNAVAILABLE', 'Apple is receiving too many requests. Try again in a few minutes.'),
  9650: entry('CONFLICT', 'The data changed at Apple while it was being read. Sync again.'),
  9700: entry('VALIDATION', 'Too many apps or books in one request for Apple.'),
  9701: entry('VALIDATION', 'Too many users in one request for Apple.'),
  9702: entry('VALIDATION', 'Too many devices in one request for Apple.'),
  9703: entry('VALIDATION', 'The same app or book is listed twice in the request.'),
  9704: entry('VALIDATION', 'The same user is listed twice in the request.'),
  9705: entry('VALIDATION', 'The same device is listed twice in the request.'),
  9706: entry('VALIDATION', 'This app or book cannot be taken back once assigned.'),
  9707: entry('VALIDATION', 'This app or book cannot be assigned to devices; assign it to users instead.'),
  9708: entry('NOT_FOUND', 'Apple no longer knows this request. Check the licenses and try again if needed.'),
  9709: entry('CONFLICT', 'Not enough licenses. Buy more in Apple School Manager or free some up.'),
  9710: entry('VALIDATION', 'Apple needs the notification address and its auth token together.'),
  9711: entry('VALIDATION', 'Apple refused the notification address as too long.'),
  9712: entry('VALIDATION', 'Apple accepts only an HTTPS notification address.'),
  9713: entry('VALIDATION', 'Apple refused the notification auth token as too long.'),
  9716: entry('CONFLICT', 'Apple already has a user with this ID.'),
  9717: entry('VALIDATION', 'Apple refused the email address as not valid.'),
  9718: entry('VALIDATION', 'Choose at least one app or book.'),
  9719: entry('VALIDATION', 'Choose at least one user or device.'),
  9720: entry('VALIDATION', 'Choose at least one user.'),
  9721: entry('CONFLICT', 'Apple no longer knows the point the last sync reached. A full sync is needed.'),
  9722: entry('TOKEN_INVALID', 'The token could not be sent to Apple in a valid form. Add the token again.'),
  9723: entry('INTERNAL', "Apple refused how the app named itself as the location's MDM (id, name and version are all needed). Please report this problem."),
  9724: entry('INTERNAL', "Apple refused the app's MDM id or name as too long. Please report this problem."),
  9725: entry('INTERNAL', "Apple refused the app's version as too long to name its MDM. Please report this problem."),
  9726: entry('INTERNAL', 'Apple refused how the app sent this request. Please report this problem.'),
  9727: entry('INTERNAL', 'Apple refused the data format the app sent. Please report this problem.'),
};

function entry(code: ErrorCode, message: string): AppleErrorEntry {
  return { code, message, retryable: false };
}

function retryableEntry(code: ErrorCode, message: string): AppleErrorEntry {
  return { code, message, retryable: true };
}
