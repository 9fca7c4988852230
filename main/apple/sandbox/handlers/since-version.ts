import { SandboxAppleError } from '../sandbox-apple-error';
import type { SandboxLocation } from '../state/sandbox-location';
import { textParam } from './query-params';

/** The version `sinceVersionId` names, 0 for a full read, or 9721 when Apple would not know it. */
export function sinceVersion(location: SandboxLocation, query: URLSearchParams): number {
  const versionId = textParam(query, 'sinceVersionId');
  if (versionId === undefined) return 0;
  const version = location.versions.versionOf(versionId);
  if (version === null) throw new SandboxAppleError(400, 9721);
  return version;
}
