/** An app or book to license; the pricing parameter defaults to Apple's standard quality. */
export interface AssetRef {
  adamId: string;
  pricingParam?: string;
}

/** Associate or disassociate: these assets for these users and/or devices. */
export interface LicenseRequest {
  assets: AssetRef[];
  clientUserIds?: string[];
  serialNumbers?: string[];
}

/** Revoke every revocable license of these users and/or devices. */
export interface RevocationRequest {
  clientUserIds?: string[];
  serialNumbers?: string[];
}

export interface UserChange {
  clientUserId: string;
  email?: string;
  managedAppleId?: string;
}

/**
 * One write to Apple, as data.
 *
 * Kept with the event id it produced so a request still PENDING after Apple's time limit
 * can be sent again, even by a later run of the app that stored it.
 */
export type EventRequest =
  | { type: 'ASSOCIATE' | 'DISASSOCIATE'; licenses: LicenseRequest }
  | { type: 'REVOKE'; revocation: RevocationRequest }
  | { type: 'CREATE' | 'UPDATE' | 'RETIRE'; users: UserChange[] };

export interface SubmittedEvent {
  eventId: string;
  request: EventRequest;
}
