import type { AppleClientConfig, AppleMdmInfo } from '../wire/apple-client-config';
import { parseAppleDate } from '../wire/apple-date';

export interface MdmInfo {
  id: string;
  name: string;
  metadata: string | null;
}

/** The Apple location a token stands for, as GET/POST /client/config describes it. */
export interface LocationConfig {
  locationName: string;
  /** Apple's library id: a later token for the same service must name the same one. */
  uId: string;
  countryCode: string | null;
  defaultPlatform: string | null;
  websiteUrl: string | null;
  /** The MDM that last claimed this location; null until one does. */
  mdmInfo: MdmInfo | null;
  notificationUrl: string | null;
  /** Apple echoes it back; kept only to tell whether notifications are set up. */
  notificationAuthToken: string | null;
  /** The notification types Apple sends to `notificationUrl`. */
  subscribedNotificationTypes: string[];
  /** Apple's examples carry it in every answer; older notes saw it only in a token's last 15 days. */
  tokenExpiresAt: Date | null;
}

export function locationConfigFromApple(wire: AppleClientConfig): LocationConfig {
  return {
    locationName: wire.locationName,
    uId: wire.uId,
    countryCode: wire.countryISO2ACode ?? null,
    defaultPlatform: wire.defaultPlatform ?? null,
    websiteUrl: wire.websiteURL ?? null,
    mdmInfo: mdmInfoFromApple(wire.mdmInfo),
    notificationUrl: wire.notificationUrl ?? null,
    notificationAuthToken: wire.notificationAuthToken ?? null,
    subscribedNotificationTypes: wire.subscribedNotificationTypes ?? [],
    tokenExpiresAt: wire.tokenExpirationDate ? parseAppleDate(wire.tokenExpirationDate) : null,
  };
}

export function mdmInfoFromApple(wire: AppleMdmInfo | undefined): MdmInfo | null {
  return wire ? { id: wire.id, name: wire.name, metadata: wire.metadata ?? null } : null;
}

/**
 * True when another MDM server has claimed the location since we did.
 *
 * Only one MDM should manage a location at a time; the admin must be warned, not silently
 * fought over.
 */
export function managedByAnotherMdm(config: LocationConfig, ourMdmId: string): boolean {
  return config.mdmInfo !== null && config.mdmInfo.id !== ourMdmId;
}
