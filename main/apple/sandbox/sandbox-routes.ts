import type { ApiHandler, PublicHandler } from './handlers/api-context';
import { associate, disassociate, revoke } from './handlers/license-handlers';
import { getAssets } from './handlers/asset-handlers';
import { getAssignments } from './handlers/assignment-handlers';
import { getClientConfig, postClientConfig, serviceConfig } from './handlers/config-handlers';
import { CONTENT_METADATA_LOOKUP_PATH, contentMetadataLookup } from './handlers/content-metadata-handler';
import { lookup } from './handlers/lookup-handler';
import { getStatus } from './handlers/status-handler';
import { getUsers } from './handlers/user-read-handler';
import { createUsers, retireUsers, updateUsers } from './handlers/user-write-handlers';

export type HttpMethod = 'GET' | 'POST';

export type ApiRoute =
  | { access: 'public'; methods: Partial<Record<HttpMethod, PublicHandler>> }
  | { access: 'token'; methods: Partial<Record<HttpMethod, ApiHandler>> };

/** The base path of Apple's v2 API, kept so sandbox URLs look like Apple's. */
export const API_BASE_PATH = '/mdm/v2';

/** Every endpoint of apple-api.md, plus the public lookup and the content metadata lookup, by full path. */
export const sandboxRoutes: Readonly<Record<string, ApiRoute>> = {
  [`${API_BASE_PATH}/service/config`]: { access: 'public', methods: { GET: serviceConfig } },
  [`${API_BASE_PATH}/client/config`]: { access: 'token', methods: { GET: getClientConfig, POST: postClientConfig } },
  [`${API_BASE_PATH}/assets`]: { access: 'token', methods: { GET: getAssets } },
  [`${API_BASE_PATH}/assignments`]: { access: 'token', methods: { GET: getAssignments } },
  [`${API_BASE_PATH}/users`]: { access: 'token', methods: { GET: getUsers } },
  [`${API_BASE_PATH}/users/create`]: { access: 'token', methods: { POST: createUsers } },
  [`${API_BASE_PATH}/users/update`]: { access: 'token', methods: { POST: updateUsers } },
  [`${API_BASE_PATH}/users/retire`]: { access: 'token', methods: { POST: retireUsers } },
  [`${API_BASE_PATH}/assets/associate`]: { access: 'token', methods: { POST: associate } },
  [`${API_BASE_PATH}/assets/disassociate`]: { access: 'token', methods: { POST: disassociate } },
  [`${API_BASE_PATH}/assets/revoke`]: { access: 'token', methods: { POST: revoke } },
  [`${API_BASE_PATH}/status`]: { access: 'token', methods: { GET: getStatus } },
  '/lookup': { access: 'public', methods: { GET: lookup } },
  [CONTENT_METADATA_LOOKUP_PATH]: { access: 'public', methods: { GET: contentMetadataLookup } },
};

/** The path tests and traffic records use: without Apple's base ("/assets", "/lookup"). */
export function endpointPath(pathname: string): string {
  return pathname.startsWith(`${API_BASE_PATH}/`) ? pathname.slice(API_BASE_PATH.length) : pathname;
}
