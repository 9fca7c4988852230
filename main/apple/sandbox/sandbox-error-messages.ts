/**
 * Apple's own short wording for its error numbers, as the sandbox answers them.
 *
 * Deliberately separate from the client's admin table: the sandbox imitates Apple, it does
 * not borrow the code under test.
 */
export const sandboxErrorMessages: Readonly<Record<number, string>> = {
  9601: 'Login required',
  9602: 'Invalid argument',
  9603: 'Internal error',
  9609: 'Registered user not found',
  9610: 'License not found',
  9616: 'License already assigned',
  9621: 'Token expired',
  9622: 'Invalid authentication token',
  9624: 'License was refunded and is no longer valid',
  9625: 'The sToken has been revoked',
  9632: 'Too many recent identical calls to assign a license',
  9634: 'Service removed',
  9643: 'License is locked for a pending transfer',
  9644: 'Service is in maintenance mode',
  9645: 'Location is managed by Apple and is read only',
  9646: 'Too many requests',
  9650: 'Page index out of range',
  9700: 'Too many assets in the request',
  9701: 'Too many clientUserIds in the request',
  9702: 'Too many serialNumbers in the request',
  9703: 'Duplicate assets in the request',
  9704: 'Duplicate clientUserIds in the request',
  9705: 'Duplicate serialNumbers in the request',
  9706: 'Asset is not revocable',
  9707: 'Asset is not device assignable',
  9708: 'Event not found',
  9709: 'Not enough licenses',
  9716: 'A user with this clientUserId already exists',
  9717: 'Invalid email',
  9718: 'No asset was given',
  9719: 'Either clientUserIds or serialNumbers are required',
  9720: 'Users are required',
  9721: 'Invalid versionId',
  9722: 'Malformed Authorization header',
  9726: 'Method not allowed',
  9727: 'Unsupported content type',
};
