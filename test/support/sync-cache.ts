import type Database from 'better-sqlite3';
import type { AppleSandbox } from '../../main/apple/sandbox/apple-sandbox';
import { UNLIMITED_LICENSE_COUNT } from '../../main/apple/model/asset';
import type { AppleUser } from '../../main/apple/wire/apple-user';

export interface CachedAsset {
  adamId: string;
  pricing: string;
  productType: string;
  total: number | null;
  assigned: number;
  available: number | null;
  retired: number;
  unlimited: number;
  deviceAssignable: number;
  revocable: number;
  platforms: string;
}

export interface CachedUser {
  clientUserId: string;
  email: string | null;
  managedAppleId: string | null;
  inviteCode: string | null;
  idHash: string | null;
  status: string;
}

/** A service's cache, or a sandbox location's state, in one comparable shape (rows sorted). */
export interface CacheSnapshot {
  assets: CachedAsset[];
  /** "adamId|pricing|clientUserId|serialNumber", sorted: a multiset, so duplicates would show. */
  assignments: string[];
  users: CachedUser[];
}

const assignmentText = (a: { adamId: string; pricing: string; clientUserId: string | null; serialNumber: string | null }) =>
  `${a.adamId}|${a.pricing}|${a.clientUserId ?? ''}|${a.serialNumber ?? ''}`;

const byKey = <T>(key: (row: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** What readers see: the rows of the service's live generation. */
export function liveCache(db: Database.Database, serviceId: number): CacheSnapshot {
  const live = `generation = (SELECT live_generation FROM sync_state WHERE service_id = @serviceId) AND service_id = @serviceId`;
  const assets = db
    .prepare(`SELECT adam_id AS adamId, pricing, product_type AS productType, total, assigned, available, retired, unlimited,
      device_assignable AS deviceAssignable, revocable, platforms FROM cached_assets WHERE ${live}`)
    .all({ serviceId }) as CachedAsset[];
  const assignments = db
    .prepare(`SELECT adam_id AS adamId, pricing, client_user_id AS clientUserId, serial_number AS serialNumber FROM cached_assignments WHERE ${live}`)
    .all({ serviceId }) as Parameters<typeof assignmentText>[0][];
  const users = db
    .prepare(`SELECT client_user_id AS clientUserId, email, managed_apple_id AS managedAppleId, invite_code AS inviteCode, id_hash AS idHash, status
      FROM cached_apple_users WHERE ${live}`)
    .all({ serviceId }) as CachedUser[];
  return sorted({ assets, assignments: assignments.map(assignmentText), users });
}

/** The location as Apple would list it now. */
export function sandboxState(sandbox: AppleSandbox, locationId: string): CacheSnapshot {
  const assets = sandbox.assetsOf(locationId).map((a): CachedAsset => {
    const unlimited = a.totalCount >= UNLIMITED_LICENSE_COUNT;
    return {
      adamId: a.adamId,
      pricing: a.pricingParam,
      productType: a.productType,
      total: unlimited ? null : a.totalCount,
      assigned: a.assignedCount,
      available: unlimited ? null : a.availableCount,
      retired: a.retiredCount,
      unlimited: unlimited ? 1 : 0,
      deviceAssignable: a.deviceAssignable ? 1 : 0,
      revocable: a.revocable ? 1 : 0,
      platforms: JSON.stringify(a.supportedPlatforms),
    };
  });
  const assignments = sandbox.assignmentsOf(locationId).map((a) =>
    assignmentText({ adamId: a.adamId, pricing: a.pricingParam, clientUserId: a.clientUserId ?? null, serialNumber: a.serialNumber ?? null }),
  );
  const users = personsOf(sandbox.usersOf(locationId)).map(
    (u): CachedUser => ({
      clientUserId: u.clientUserId,
      email: u.email ?? null,
      managedAppleId: u.managedAppleId ?? null,
      inviteCode: u.inviteCode ?? null,
      idHash: u.idHash ?? null,
      status: u.status,
    }),
  );
  return sorted({ assets, assignments, users });
}

/** One record per clientUserId, as the cache keeps them: of a retired and re-created pair, the live one. */
function personsOf(users: AppleUser[]): AppleUser[] {
  const live = (user: AppleUser) => user.status === 'Registered' || user.status === 'Associated';
  const byId = new Map<string, AppleUser>();
  for (const user of users) {
    const kept = byId.get(user.clientUserId);
    if (kept === undefined || live(user) || !live(kept)) byId.set(user.clientUserId, user);
  }
  return [...byId.values()];
}

/** Cache rows no reader sees: generations other than the live one. */
export function leftoverRows(db: Database.Database, serviceId: number): number {
  const notLive = `service_id = @serviceId AND generation IS NOT (SELECT live_generation FROM sync_state WHERE service_id = @serviceId)`;
  return ['cached_assets', 'cached_assignments', 'cached_apple_users'].reduce(
    (sum, table) => sum + (db.prepare(`SELECT count(*) FROM ${table} WHERE ${notLive}`).pluck().get({ serviceId }) as number),
    0,
  );
}

function sorted(snapshot: CacheSnapshot): CacheSnapshot {
  return {
    assets: [...snapshot.assets].sort(byKey((a) => `${a.adamId}|${a.pricing}`)),
    assignments: [...snapshot.assignments].sort(),
    users: [...snapshot.users].sort(byKey((u) => u.clientUserId)),
  };
}
