import type { AppleAssignment } from '../../wire/apple-assignment';
import type { SandboxLocation } from '../state/sandbox-location';
import { UserStore } from '../state/user-store';
import type { ApiHandler } from './api-context';
import { pageWindow } from './paging';
import { booleanParam, queryKey, textParam } from './query-params';
import { sinceVersion } from './since-version';

/**
 * GET /assignments: the live licenses, or with `sinceVersionId` those assigned since then.
 *
 * Apple's documented answer has no field for a removed license, so an incremental read
 * cannot report removals; the sandbox does not invent one. Like Apple's, each page names the
 * MDM that claimed the location.
 */
export const getAssignments: ApiHandler = ({ world, location, query }) => {
  const includeUserState = booleanParam(query, 'includeUserState') === true;
  const matching = location.queries.rows(queryKey('/assignments', query), location.versions.currentVersion, () =>
    selectAssignments(location, query),
  );
  const page = pageWindow(matching.length, query, world.settings.pageSize);
  const assignments: AppleAssignment[] = [];
  for (let i = page.start; i < page.end; i++) assignments.push(assignmentRow(location, matching[i] ?? 0, includeUserState));
  return { assignments, ...page.fields, versionId: location.versions.currentId, ...(location.mdmInfo ? { mdmInfo: location.mdmInfo } : {}) };
};

function selectAssignments(location: SandboxLocation, query: URLSearchParams): Int32Array {
  const { assets, users, assignments } = location;
  const since = sinceVersion(location, query);
  const adamId = textParam(query, 'adamId');
  const clientUserId = textParam(query, 'clientUserId');
  const serialNumber = textParam(query, 'serialNumber');
  const pricingParam = textParam(query, 'pricingParam');
  const excludeInactiveUsers = booleanParam(query, 'excludeInactiveUsers') === true;
  const assetIndex = adamId === undefined ? undefined : (assets.get(adamId)?.index ?? -1);
  const userIndex = clientUserId === undefined ? undefined : (users.indexOf(clientUserId) ?? -1);
  const deviceIndex = serialNumber === undefined ? undefined : (assignments.deviceIndex(serialNumber, false) ?? -1);

  return assignments.select((row) => {
    if (!assignments.isLive(row) || assignments.versionOf(row) <= since) return false;
    if (assetIndex !== undefined && assignments.assetOf(row) !== assetIndex) return false;
    if (pricingParam !== undefined && assets.at(assignments.assetOf(row)).pricingParam !== pricingParam) return false;
    const holder = assignments.holderOf(row);
    if (userIndex !== undefined && (holder.kind !== 'user' || holder.index !== userIndex)) return false;
    if (deviceIndex !== undefined && (holder.kind !== 'device' || holder.index !== deviceIndex)) return false;
    return !(excludeInactiveUsers && holder.kind === 'user' && !UserStore.isActive(users.at(holder.index)));
  });
}

function assignmentRow(location: SandboxLocation, row: number, includeUserState: boolean): AppleAssignment {
  const asset = location.assets.at(location.assignments.assetOf(row));
  const holder = location.assignments.holderOf(row);
  const base = { adamId: asset.adamId, pricingParam: asset.pricingParam };
  if (holder.kind === 'device') return { ...base, serialNumber: location.assignments.serialAt(holder.index) };
  const user = location.users.at(holder.index);
  if (!includeUserState) return { ...base, clientUserId: user.clientUserId };
  return { ...base, clientUserId: user.clientUserId, userStatus: user.status, ...(user.idHash ? { idHash: user.idHash } : {}) };
}
