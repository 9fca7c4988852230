import type { AppleClientConfig, AppleMdmInfo } from '../../wire/apple-client-config';
import type { AppleServiceConfig, AppleServiceLimits } from '../../wire/apple-service-config';
import { SandboxAppleError } from '../sandbox-apple-error';
import { CONTENT_METADATA_LOOKUP_PATH } from './content-metadata-handler';
import { serviceConfigErrorCodes } from '../service-config-error-codes';
import type { SandboxLocation } from '../state/sandbox-location';
import type { ApiHandler, PublicHandler } from './api-context';

export const notificationTypes = ['ASSET_MANAGEMENT', 'ASSET_COUNT', 'USER_MANAGEMENT', 'USER_ASSOCIATED'];

/** GET /service/config: the live limits, the invitation link (pointing at the sandbox) and the error codes. */
export const serviceConfig: PublicHandler = (world): AppleServiceConfig => ({
  limits: world.settings.limits,
  urls: {
    invitationEmail: `${world.origin}/sandbox/invitation?inviteCode=%25inviteCode%25&mt=8`,
    contentMetadataLookup: `${world.origin}${CONTENT_METADATA_LOOKUP_PATH}`,
    vppWebsite: `${world.origin}/sandbox`,
  },
  errorCodes: [...serviceConfigErrorCodes],
  notificationTypes,
});

export const getClientConfig: ApiHandler = ({ location }) => clientConfig(location);

interface ConfigRequest {
  mdmInfo?: unknown;
  notificationUrl?: unknown;
  notificationAuthToken?: unknown;
  notificationTypes?: unknown;
}

/**
 * POST /client/config: claims the location for an MDM and sets where notifications go.
 *
 * Refused as Apple refuses ("Handling error responses"): an `mdmInfo` without all of id, name
 * and metadata (9723) or longer than the limits (9724 id, 9725 name, 9713 metadata); a
 * notification URL without its auth token or the reverse (9710), not HTTPS (9712), or either
 * longer than `maxNotificationLength` (9711). Fields left out keep their value.
 */
export const postClientConfig: ApiHandler = ({ world, location, body }) => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SandboxAppleError(400, 9602);
  const request = body as ConfigRequest;
  const limits = world.settings.limits;
  const mdmInfo = request.mdmInfo === undefined ? undefined : checkedMdmInfo(request.mdmInfo, limits);
  const notification = checkedNotification(request, limits);
  const types = checkedTypes(request.notificationTypes);
  if (mdmInfo !== undefined) location.mdmInfo = mdmInfo;
  if (notification !== undefined) {
    location.notificationUrl = notification.url || undefined;
    location.notificationAuthToken = notification.authToken || undefined;
  }
  if (types !== undefined) location.subscribedNotificationTypes = types;
  return clientConfig(location);
};

function checkedMdmInfo(value: unknown, limits: AppleServiceLimits): AppleMdmInfo {
  if (typeof value !== 'object' || value === null) throw new SandboxAppleError(400, 9602);
  const { id, name, metadata } = value as Record<string, unknown>;
  const present = (field: unknown): field is string => typeof field === 'string' && field.length > 0;
  if (!present(id) || !present(name) || !present(metadata)) throw new SandboxAppleError(400, 9723);
  if (id.length > limits.maxMdmIdLength) throw new SandboxAppleError(400, 9724);
  if (name.length > limits.maxMdmNameLength) throw new SandboxAppleError(400, 9725);
  if (metadata.length > limits.maxMdmMetadataLength) throw new SandboxAppleError(400, 9713);
  return { id, name, metadata };
}

/** Both or neither; both empty turns notifications off. */
function checkedNotification(request: ConfigRequest, limits: AppleServiceLimits): { url: string; authToken: string } | undefined {
  const { notificationUrl: url, notificationAuthToken: authToken } = request;
  if (url === undefined && authToken === undefined) return undefined;
  if ((url !== undefined && typeof url !== 'string') || (authToken !== undefined && typeof authToken !== 'string')) throw new SandboxAppleError(400, 9602);
  if (!url !== !authToken) throw new SandboxAppleError(400, 9710);
  if (!url || !authToken) return { url: '', authToken: '' };
  if (!/^https:\/\/[^/\s]+/i.test(url)) throw new SandboxAppleError(400, 9712);
  if (url.length > limits.maxNotificationLength || authToken.length > limits.maxNotificationLength) throw new SandboxAppleError(400, 9711);
  return { url, authToken };
}

function checkedTypes(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((type) => typeof type !== 'string' || !notificationTypes.includes(type))) throw new SandboxAppleError(400, 9602);
  return value as string[];
}

/** Apple's answer names the subscribed types `subscribedNotificationTypes` and echoes the auth token. */
function clientConfig(location: SandboxLocation): AppleClientConfig {
  const { info } = location;
  return {
    locationName: info.name,
    uId: info.uId,
    countryISO2ACode: info.countryCode,
    defaultPlatform: info.defaultPlatform,
    websiteURL: info.websiteUrl,
    ...(location.mdmInfo ? { mdmInfo: location.mdmInfo } : {}),
    ...(location.notificationUrl ? { notificationUrl: location.notificationUrl } : {}),
    ...(location.notificationAuthToken ? { notificationAuthToken: location.notificationAuthToken } : {}),
    ...(location.subscribedNotificationTypes ? { subscribedNotificationTypes: location.subscribedNotificationTypes } : {}),
  };
}
