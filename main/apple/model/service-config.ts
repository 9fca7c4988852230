import type { AppleServiceConfig, AppleServiceLimits } from '../wire/apple-service-config';

export type ServiceLimits = AppleServiceLimits;

/** Apple's live rules for every token: request limits, invitation link, error codes. */
export interface ServiceConfig {
  limits: ServiceLimits;
  /** Contains `%25inviteCode%25` where a user's invite code goes. */
  invitationUrlTemplate: string;
  /** Where names of the location's own titles (custom apps included) are looked up; see ContentMetadataLookup. */
  contentMetadataLookupUrl: string | null;
  errorCodes: { errorNumber: number; errorMessage: string }[];
  notificationTypes: string[];
}

const inviteCodePlaceholder = '%25inviteCode%25';

export function serviceConfigFromApple(wire: AppleServiceConfig): ServiceConfig {
  return {
    limits: wire.limits,
    invitationUrlTemplate: wire.urls.invitationEmail,
    contentMetadataLookupUrl: wire.urls.contentMetadataLookup ?? null,
    errorCodes: wire.errorCodes,
    notificationTypes: wire.notificationTypes,
  };
}

/** The link a Registered user opens to accept the invitation with their Apple ID. */
export function invitationUrl(config: ServiceConfig, inviteCode: string): string {
  return config.invitationUrlTemplate.replaceAll(inviteCodePlaceholder, encodeURIComponent(inviteCode));
}
