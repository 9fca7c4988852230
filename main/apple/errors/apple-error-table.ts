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
 * Every Apple error number of apple-api.md and of Apple's "Handling error responses" page,
 * mapped to our code and one admin-facing sentence.
 *
 * Exported so the app can explain event failures and tests can check each row. Numbers Apple
 * adds later fall back on the HTTP status (apple-error-mapping.ts).
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
  9623: entry('INTERNAL', 'Apple refused the push notification token the app sent. Please report this problem.'),
  9624: entry('CONFLICT', 'This license was refunded and is no longer valid.'),
  9625: entry('TOKEN_REVOKED', TOKEN_REVOKED_MESSAGE),
  9632: entry('CONFLICT', 'Apple received too many identical license requests recently. Wait a while before trying again.'),
  9634: entry('APPLE_UNAVAILABLE', 'Apple has removed the service this request used. Update the app.'),
  9635: entry('CONFLICT', 'Apple could not connect the Apple Account to this user. Ask the person to accept the invitation again, with another Apple Account if needed.'),
  9637: entry('FORBIDDEN', 'Apple does not allow this for a token of a facilitator account. Download a token with an administrator or content manager account in Apple School Manager.'),
  9641: entry('CONFLICT', 'This Apple Account is already connected to another user. Ask the person to accept the invitation with another Apple Account.'),
  9643: entry('CONFLICT', 'This license is locked for a pending transfer. Try again once the transfer is done.'),
  9644: retryableEntry('APPLE_UNAVAILABLE', "Apple's service is down for maintenance. Try again later."),
  9645: entry('FORBIDDEN', "This location is managed by Apple's own device management and is read only here."),
  9646: retryableEntry('APPLE_UNAVAILABLE', 'Apple is receiving too many requests. Try again in a few minutes.'),
  9647: entry('FORBIDDEN', 'Apple does not support this for a legacy token. Download a new token in Apple School Manager and add it to this service.'),
  9650: entry('CONFLICT', "Apple answered that the page asked for is out of range: Apple's list got shorter while it was being read. Sync again."),
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
  9710: entry('VALIDATION', 'Apple needs the notification address and its authentication token together. Enter both, or neither.'),
  9711: entry('VALIDATION', 'The notification address or its authentication token is longer than Apple allows. Shorten it.'),
  9712: entry('VALIDATION', 'Apple accepts only a valid HTTPS address for notifications. Enter an address that starts with https://.'),
  9713: entry('INTERNAL', "Apple refused the app's version as too long to name it as the location's MDM. Please report this problem."),
  9714: entry('VALIDATION', 'Too many users in one request to create, update or retire Apple users.'),
  9715: entry('VALIDATION', 'The same user is listed twice in a request to create, update or retire Apple users.'),
  9716: entry('CONFLICT', 'Apple already has a user with this ID.'),
  9717: entry('VALIDATION', 'Apple refused the email address as not valid.'),
  9718: entry('VALIDATION', 'Choose at least one app or book.'),
  9719: entry('VALIDATION', 'Choose at least one user or device.'),
  9720: entry('VALIDATION', 'Choose at least one user.'),
  9721: entry('CONFLICT', 'Apple no longer knows the point the last sync reached. A full sync is needed.'),
  9722: entry('TOKEN_INVALID', 'The token could not be sent to Apple in a valid form. Add the token again.'),
  9723: entry('INTERNAL', "Apple refused how the app named itself as the location's MDM (id, name and version are all needed). Please report this problem."),
  9724: entry('INTERNAL', "Apple refused the app's MDM id as too long. Please report this problem."),
  9725: entry('INTERNAL', "Apple refused the app's MDM name as too long. Please report this problem."),
  9726: entry('INTERNAL', 'Apple refused how the app sent this request. Please report this problem.'),
  9727: entry('INTERNAL', 'Apple refused the data format the app sent. Please report this problem.'),
  9728: entry('VALIDATION', 'Apple could not reach the notification address. Check that it can be reached from the internet.'),
  9729: retryableEntry('APPLE_UNAVAILABLE', "Apple's service is temporarily unavailable. Try again later."),
  9811: entry('VALIDATION', 'Apple refused the subscription assignment as not valid.'),
  9812: entry('CONFLICT', 'Apple no longer accepts the point a read had reached. Sync again.'),
  9813: entry('VALIDATION', 'Apple does not know the app or book this request named.'),
  9814: entry('NOT_FOUND', 'Apple has no registered user connected to this user. Sync the Apple users and try again.'),
  9815: entry('CONFLICT', 'This user is not assigned the app or book the request named.'),
  9816: entry('VALIDATION', 'Too many subscriptions in one request for Apple.'),
  9817: entry('CONFLICT', 'This user already has the subscription through a group; nothing more needs to be done.'),
  9818: entry('CONFLICT', 'Subscriptions exist for this location, so Apple cannot turn subscription management off. Remove them first.'),
};

function entry(code: ErrorCode, message: string): AppleErrorEntry {
  return { code, message, retryable: false };
}

function retryableEntry(code: ErrorCode, message: string): AppleErrorEntry {
  return { code, message, retryable: true };
}
