import { appleClientConfigRequestSchema, type AppleClientConfig } from '../../wire/apple-client-config';
import type { AppleServiceConfig } from '../../wire/apple-service-config';
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

/** POST /client/config: claims the location for an MDM; lengths checked against the limits. */
export const postClientConfig: ApiHandler = ({ world, location, body }) => {
  const parsed = appleClientConfigRequestSchema.safeParse(body);
  if (!parsed.success) throw new SandboxAppleError(400, 9602);
  const { mdmInfo, notificationUrl, notificationTypes: types } = parsed.data;
  const limits = world.settings.limits;
  const tooLong =
    (mdmInfo !== undefined &&
      (mdmInfo.id.length > limits.maxMdmIdLength ||
        mdmInfo.name.length > limits.maxMdmNameLength ||
        (mdmInfo.metadata ?? '').length > limits.maxMdmMetadataLength)) ||
    (notificationUrl ?? '').length > limits.maxNotificationLength;
  if (tooLong) throw new SandboxAppleError(400, 9602);
  if (types?.some((type) => !notificationTypes.includes(type))) throw new SandboxAppleError(400, 9602);
  if (mdmInfo !== undefined) location.mdmInfo = mdmInfo;
  if (notificationUrl !== undefined) location.notificationUrl = notificationUrl;
  if (types !== undefined) location.notificationTypes = types;
  return clientConfig(location);
};

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
    ...(location.notificationTypes ? { notificationTypes: location.notificationTypes } : {}),
  };
}
