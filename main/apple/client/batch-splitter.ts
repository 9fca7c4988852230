import type { ServiceLimits } from '../model/service-config';
import type { EventRequest, LicenseRequest, RevocationRequest, UserChange } from '../model/write-requests';

/**
 * Splits bulk work into requests Apple accepts.
 *
 * Each part stays within the live service-config limits and carries no duplicates, which
 * Apple would refuse (9703-9705).
 */
export function splitEventRequest(request: EventRequest, limits: ServiceLimits): EventRequest[] {
  switch (request.type) {
    case 'ASSOCIATE':
    case 'DISASSOCIATE':
      return splitLicenseRequest(request.licenses, limits).map((licenses) => ({ type: request.type, licenses }));
    case 'REVOKE':
      return splitRevocation(request.revocation, limits).map((revocation) => ({ type: 'REVOKE', revocation }));
    case 'CREATE':
    case 'UPDATE':
    case 'RETIRE':
      return splitUsers(request.users, limits).map((users) => ({ type: request.type, users }));
  }
}

/** Every asset chunk is paired with every user chunk and every device chunk. */
export function splitLicenseRequest(request: LicenseRequest, limits: ServiceLimits): LicenseRequest[] {
  const assets = chunk(unique(request.assets, (asset) => `${asset.adamId}\u0000${asset.pricingParam ?? ''}`), limits.maxAssets);
  const userChunks = chunk(unique(request.clientUserIds ?? [], String), limits.maxClientUserIds);
  const deviceChunks = chunk(unique(request.serialNumbers ?? [], String), limits.maxSerialNumbers);
  const requests: LicenseRequest[] = [];
  for (const assetChunk of assets) {
    for (const clientUserIds of userChunks) requests.push({ assets: assetChunk, clientUserIds });
    for (const serialNumbers of deviceChunks) requests.push({ assets: assetChunk, serialNumbers });
  }
  return requests;
}

export function splitRevocation(request: RevocationRequest, limits: ServiceLimits): RevocationRequest[] {
  return [
    ...chunk(unique(request.clientUserIds ?? [], String), limits.maxRevokeClientUserIds).map((clientUserIds) => ({ clientUserIds })),
    ...chunk(unique(request.serialNumbers ?? [], String), limits.maxRevokeSerialNumbers).map((serialNumbers) => ({ serialNumbers })),
  ];
}

/** A user listed twice keeps its first position and its last change. */
export function splitUsers(users: UserChange[], limits: ServiceLimits): UserChange[][] {
  const latest = new Map<string, UserChange>();
  for (const user of users) latest.set(user.clientUserId, user);
  return chunk([...latest.values()], limits.maxUsers);
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
