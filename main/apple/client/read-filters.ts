import type { QueryValue } from './apple-requester';

export interface AssetFilter {
  adamId?: string;
  productType?: 'App' | 'Book';
  pricingParam?: string;
  revocable?: boolean;
  deviceAssignable?: boolean;
  /** Apple then lists free titles under `unlimitedAssets`, with their assigned count only. */
  unlimited?: boolean;
  minAvailableCount?: number;
  maxAvailableCount?: number;
  minAssignedCount?: number;
  maxAssignedCount?: number;
}

export interface AssignmentFilter {
  adamId?: string;
  clientUserId?: string;
  serialNumber?: string;
  pricingParam?: string;
  /** Only assignments changed since this `versionId` (incremental sync). */
  sinceVersionId?: string;
  /** Adds the holder's status and Apple ID hash to user assignments. */
  includeUserState?: boolean;
  excludeInactiveUsers?: boolean;
}

export interface UserFilter {
  clientUserId?: string;
  activeOnly?: boolean;
  retiredOnly?: boolean;
  /** Only users changed since this `versionId` (incremental sync). */
  sinceVersionId?: string;
}

/** Our filters already use Apple's parameter names; this only narrows the type for the query. */
export function filterQuery(filter: AssetFilter | AssignmentFilter | UserFilter): Record<string, QueryValue> {
  return { ...filter };
}
