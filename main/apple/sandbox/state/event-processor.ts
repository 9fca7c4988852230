import type { AppleEventFailure } from '../../wire/apple-event';
import { sandboxEventErrorMessages } from '../sandbox-error-messages';
import { AssetStore } from './asset-store';
import type { Holder } from './assignment-table';
import type { EventWork, LicenseWork, SandboxEvent, UserWork } from './event-store';
import { newIdHash, newInviteCode } from './random-ids';
import type { SandboxLocation } from './sandbox-location';
import { UserStore, type SandboxUser } from './user-store';

interface WorkResult {
  numCompleted: number;
  numRequested: number;
  failures: AppleEventFailure[];
}

interface NamedHolder {
  holder: Holder;
  id: string;
}

/**
 * Carries out an accepted write the way Apple's event does.
 *
 * It goes as far as it can and lists the ids it could not serve in `failures[].errorInfo`
 * (9709 not enough licenses, 9716 duplicate user, 9609 unknown user), because clients must
 * report partial failures per id. Any failure makes the event FAILED.
 */
export function processEvent(location: SandboxLocation, event: SandboxEvent): void {
  const version = location.versions.advance();
  const result = carryOut(location, event.work, version);
  event.state = result.failures.length > 0 ? 'FAILED' : 'COMPLETE';
  event.numCompleted = result.numCompleted;
  event.numRequested = result.numRequested;
  event.failures = result.failures;
}

function carryOut(location: SandboxLocation, work: EventWork, version: number): WorkResult {
  switch (work.type) {
    case 'ASSOCIATE':
      return associate(location, work.licenses, version);
    case 'DISASSOCIATE':
      return disassociate(location, work.licenses, version);
    case 'REVOKE':
      return revoke(location, work.clientUserIds, work.serialNumbers, version);
    case 'CREATE':
      return createUsers(location, work.users, version);
    case 'UPDATE':
      return updateUsers(location, work.users, version);
    case 'RETIRE':
      return retireUsers(location, work.users, version);
  }
}

function associate(location: SandboxLocation, work: LicenseWork, version: number): WorkResult {
  const { holders, failures } = resolveHolders(location, work.clientUserIds, work.serialNumbers, true);
  let numCompleted = 0;
  for (const ref of work.assets) {
    const asset = location.assets.get(ref.adamId);
    if (!asset) continue;
    const short: NamedHolder[] = [];
    for (const named of holders) {
      if (location.assignments.find(asset.index, named.holder) >= 0) {
        numCompleted++;
      } else if (AssetStore.available(asset) === 0) {
        short.push(named);
      } else {
        location.assignments.add(asset.index, named.holder, version);
        asset.assignedCount++;
        numCompleted++;
      }
    }
    if (short.length > 0) failures.push(failure(9709, short, [{ adamId: asset.adamId, pricingParam: asset.pricingParam }]));
  }
  return { numCompleted, numRequested: work.assets.length * (work.clientUserIds.length + work.serialNumbers.length), failures };
}

function disassociate(location: SandboxLocation, work: LicenseWork, version: number): WorkResult {
  const { holders, failures } = resolveHolders(location, work.clientUserIds, work.serialNumbers, false);
  let numCompleted = 0;
  for (const ref of work.assets) {
    const asset = location.assets.get(ref.adamId);
    if (!asset) continue;
    for (const named of holders) {
      const row = location.assignments.find(asset.index, named.holder);
      if (row >= 0) {
        location.assignments.remove(row, version);
        asset.assignedCount--;
      }
      numCompleted++;
    }
  }
  return { numCompleted, numRequested: work.assets.length * (work.clientUserIds.length + work.serialNumbers.length), failures };
}

function revoke(location: SandboxLocation, clientUserIds: string[], serialNumbers: string[], version: number): WorkResult {
  const { holders, failures } = resolveHolders(location, clientUserIds, serialNumbers, false);
  for (const named of holders) {
    for (const row of [...location.assignments.rowsOf(named.holder)]) {
      const asset = location.assets.at(location.assignments.assetOf(row));
      if (!asset.revocable) continue;
      location.assignments.remove(row, version);
      asset.assignedCount--;
    }
  }
  return { numCompleted: holders.length, numRequested: clientUserIds.length + serialNumbers.length, failures };
}

function createUsers(location: SandboxLocation, users: UserWork[], version: number): WorkResult {
  const duplicates: string[] = [];
  for (const change of users) {
    const existing = location.users.get(change.clientUserId);
    if (existing && UserStore.isActive(existing)) {
      duplicates.push(change.clientUserId);
      continue;
    }
    const managed = change.managedAppleId !== undefined;
    const user: SandboxUser = {
      clientUserId: change.clientUserId,
      email: change.email,
      managedAppleId: change.managedAppleId,
      // Managed Apple IDs need no invitation: Apple associates them at once.
      inviteCode: managed ? undefined : newInviteCode(),
      idHash: managed ? newIdHash() : undefined,
      status: managed ? 'Associated' : 'Registered',
      version,
    };
    if (existing) location.users.recreate(user);
    else location.users.add(user);
  }
  const failures = duplicates.length > 0 ? [failure(9716, duplicates.map((id) => userHolder(id)))] : [];
  return { numCompleted: users.length - duplicates.length, numRequested: users.length, failures };
}

function updateUsers(location: SandboxLocation, users: UserWork[], version: number): WorkResult {
  return eachKnownUser(location, users, (user, change) => {
    if (change.email !== undefined) user.email = change.email;
    if (change.managedAppleId !== undefined) user.managedAppleId = change.managedAppleId;
    user.version = version;
  });
}

function retireUsers(location: SandboxLocation, users: UserWork[], version: number): WorkResult {
  return eachKnownUser(location, users, (user) => {
    if (user.status === 'Retired') return;
    user.status = 'Retired';
    user.version = version;
  });
}

function eachKnownUser(
  location: SandboxLocation,
  users: UserWork[],
  change: (user: SandboxUser, work: UserWork) => void,
): WorkResult {
  const unknown: string[] = [];
  for (const work of users) {
    const user = location.users.get(work.clientUserId);
    if (user) change(user, work);
    else unknown.push(work.clientUserId);
  }
  const failures = unknown.length > 0 ? [failure(9609, unknown.map((id) => userHolder(id)))] : [];
  return { numCompleted: users.length - unknown.length, numRequested: users.length, failures };
}

/** Users must exist (and, to receive licenses, be active); devices are known by serial alone. */
function resolveHolders(
  location: SandboxLocation,
  clientUserIds: string[],
  serialNumbers: string[],
  activeOnly: boolean,
): { holders: NamedHolder[]; failures: AppleEventFailure[] } {
  const holders: NamedHolder[] = [];
  const unknown: NamedHolder[] = [];
  for (const id of clientUserIds) {
    const index = location.users.indexOf(id);
    const usable = index !== undefined && (!activeOnly || UserStore.isActive(location.users.at(index)));
    if (usable) holders.push({ holder: { kind: 'user', index }, id });
    else unknown.push(userHolder(id));
  }
  for (const serial of serialNumbers) {
    const index = location.assignments.deviceIndex(serial, true) ?? -1;
    holders.push({ holder: { kind: 'device', index }, id: serial });
  }
  return { holders, failures: unknown.length > 0 ? [failure(9609, unknown)] : [] };
}

function userHolder(id: string): NamedHolder {
  return { holder: { kind: 'user', index: -1 }, id };
}

function failure(errorNumber: number, holders: NamedHolder[], assets?: { adamId: string; pricingParam: string }[]): AppleEventFailure {
  const clientUserIds = holders.filter((named) => named.holder.kind === 'user').map((named) => named.id);
  const serialNumbers = holders.filter((named) => named.holder.kind === 'device').map((named) => named.id);
  return {
    errorNumber,
    errorMessage: sandboxEventErrorMessages[errorNumber] ?? 'Error',
    errorInfo: {
      ...(assets ? { assets } : {}),
      ...(clientUserIds.length > 0 ? { clientUserIds } : {}),
      ...(serialNumbers.length > 0 ? { serialNumbers } : {}),
    },
  };
}
