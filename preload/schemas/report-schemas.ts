import { z } from 'zod';
import { id, listWindow, platforms } from './directory-schemas';
import { JobState } from './job-schemas';

export const appleUserStatuses = ['Registered', 'Associated', 'Retired', 'Deleted'] as const;
export const productTypes = ['App', 'Book'] as const;
export const pricingParams = ['STDQ', 'PLUS'] as const;

export const SyncStatus = z.object({
  serviceId: id,
  serviceName: z.string(),
  groupName: z.string(),
  locationName: z.string().nullable(),
  /** When the cache the report shows was completed; null before the first sync. */
  syncedAt: z.string().nullable(),
  attemptedAt: z.string().nullable(),
  /** Why the last attempt failed; null after a success. */
  error: z.string().nullable(),
  errorCode: z.string().nullable(),
  /** When Apple's Retry-After lets the next sync start (it then starts on its own); null when Apple asked for no wait. */
  retryAt: z.string().nullable(),
  /** Another MDM Apple names as the location's manager since this app claimed it. */
  otherMdm: z.string().nullable(),
  /** This admin may start a sync of it: they administer the service's group (from above or as its direct admin). */
  canSync: z.boolean(),
  /** The sync running now, if any. */
  job: JobState.nullable(),
});

export const Connectivity = z.object({
  online: z.boolean(),
  /** What the last call to Apple said, when it failed. */
  message: z.string().nullable(),
  checkedAt: z.string().nullable(),
});

export const Settings = z.object({
  /** Hours between automatic syncs; 0 turns them off. */
  autoSyncHours: z.number().int().min(0).max(168),
});

const scope = { groupId: id, serviceIds: z.array(id).max(200).nullable().default(null) };

export const LicenseQuery = z.strictObject({
  ...scope,
  ...listWindow,
  productType: z.enum(productTypes).nullable().default(null),
  platform: z.enum(platforms).nullable().default(null),
  pricing: z.enum(pricingParams).nullable().default(null),
  /** Only apps with at most 10% (or 5) licenses left. */
  lowAvailability: z.boolean().default(false),
  sort: z.enum(['name', 'assigned', 'available', 'total', 'use']).default('name'),
});

export const LicenseRow = z.object({
  serviceId: id,
  serviceName: z.string(),
  adamId: z.string(),
  pricing: z.enum(pricingParams),
  productType: z.enum(productTypes),
  /** From Apple's lookup; null until known (the report shows the adamId). */
  name: z.string().nullable(),
  iconUrl: z.string().nullable(),
  platforms: z.array(z.string()),
  deviceAssignable: z.boolean(),
  unlimited: z.boolean(),
  total: z.number().int().nullable(),
  assigned: z.number().int(),
  available: z.number().int().nullable(),
  retired: z.number().int(),
});

export const AssignmentQuery = z.strictObject({
  groupId: id,
  serviceId: id,
  adamId: z.string().max(30),
  pricing: z.enum(pricingParams),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const AssignmentRow = z.object({
  clientUserId: z.string().nullable(),
  serialNumber: z.string().nullable(),
  /** Our user or device, when the assignment matches one. */
  userName: z.string().nullable(),
  userEmail: z.string().nullable(),
  deviceName: z.string().nullable(),
  groupName: z.string().nullable(),
});

export const AppleUserQuery = z.strictObject({
  ...scope,
  ...listWindow,
  status: z.enum(appleUserStatuses).nullable().default(null),
  sort: z.enum(['name', 'email', 'status', 'licenses']).default('name'),
});

export const AppleUserRow = z.object({
  serviceId: id,
  serviceName: z.string(),
  clientUserId: z.string(),
  status: z.enum(appleUserStatuses),
  email: z.string().nullable(),
  managedAppleId: z.string().nullable(),
  inviteCodePresent: z.boolean(),
  userId: id.nullable(),
  userName: z.string().nullable(),
  groupName: z.string().nullable(),
  deviceCount: z.number().int(),
  licenseCount: z.number().int(),
  /** When this service's invitation last went out to the person. */
  invitedAt: z.string().nullable(),
});

export const ExportRequest = z.strictObject({
  report: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('licenses'), query: LicenseQuery }),
    z.strictObject({ kind: z.literal('users'), query: AppleUserQuery }),
    z.strictObject({ kind: z.literal('assignments'), query: AssignmentQuery }),
  ]),
});
