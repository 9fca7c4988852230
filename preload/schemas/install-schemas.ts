import { z } from 'zod';
import { id } from './directory-schemas';
import { JobState } from './job-schemas';
import { ServerReadiness } from './settings-schemas';

export const assignmentKinds = ['device', 'user'] as const;
export const installTargets = ['group', 'devices', 'users'] as const;

/** What an install aims at: the group and below, or chosen devices or users there. */
export const InstallRequest = z.strictObject({
  groupId: id,
  tokenId: id,
  adamId: z.string().regex(/^\d{1,15}$/, 'Choose an app.'),
  pricing: z.enum(['STDQ', 'PLUS']).default('STDQ'),
  kind: z.enum(assignmentKinds),
  target: z.enum(installTargets),
  deviceIds: z.array(id).max(10_000).default([]),
  userIds: z.array(id).max(10_000).default([]),
  /** Assign the licenses without install commands: the admin's explicit choice, e.g. while the MDM server is down. */
  licensesOnly: z.boolean().default(false),
});

export const InstallReason = z.object({ code: z.string(), message: z.string(), refusal: z.boolean() });

export const InstallPreview = z.object({
  /** Checked when install commands would be sent; an install is refused while it is not ready, unless licenses only. */
  mdm: ServerReadiness,
  /** The MDM server Apple last named as this location's manager, when it is not us: installing from here may clash with it. */
  otherMdm: z.string().nullable(),
  counts: z.object({
    devices: z.number().int(),
    installs: z.number().int(),
    licenseOnly: z.number().int(),
    refused: z.number().int(),
    licensesNeeded: z.number().int(),
    /** null: unlimited. */
    available: z.number().int().nullable(),
    short: z.number().int(),
  }),
  /** Users refused because they have not joined yet: who an invitation would reach. */
  notAssociatedUserIds: z.array(id),
  items: z.array(
    z.object({
      deviceId: id,
      serialNumber: z.string(),
      deviceName: z.string().nullable(),
      userName: z.string().nullable(),
      platform: z.string(),
      osVersion: z.string(),
      outcome: z.enum(['install', 'license-only', 'refused']),
      reasons: z.array(InstallReason),
    }),
  ),
});

export const InstallStarted = z.object({
  runId: z.string(),
  job: JobState,
  /** Automatic invitations a user-based install of Apple Books sent to users who had not joined. */
  invited: z.number().int(),
});

export const InstallResultRow = z.object({
  deviceId: id.nullable(),
  serialNumber: z.string().nullable(),
  deviceName: z.string().nullable(),
  userName: z.string().nullable(),
  license: z.enum(['pending', 'submitted', 'assigned', 'failed']),
  /** queued: on the MDM server and the device woken; not-reached: queued, but the device was not woken (reason says why). */
  command: z.enum(['pending', 'queued', 'not-reached', 'failed', 'not-needed']).nullable(),
  reason: z.string().nullable(),
});

export const InstallRunView = z.object({
  runId: z.string(),
  serviceId: id,
  adamId: z.string(),
  appName: z.string().nullable(),
  kind: z.enum(assignmentKinds),
  state: z.enum(['running', 'interrupted', 'finished', 'cancelled']),
  adminName: z.string().nullable(),
  createdAt: z.string(),
  assigned: z.number().int(),
  failed: z.number().int(),
  /** Commands delivered: queued and the device woken. */
  commandsQueued: z.number().int(),
  /** Commands queued on the MDM server whose device was not woken; Retry pushes them again. */
  commandsNotReached: z.number().int(),
  licensesOnly: z.boolean(),
  /** The job carrying the run in this session, to watch its progress. */
  jobId: z.string().nullable(),
});

export const InstallResults = z.object({ run: InstallRunView, rows: z.array(InstallResultRow) });

/** Disassociate one app from holders, or revoke every license they hold. */
export const RevokeRequest = z.strictObject({
  groupId: id,
  tokenId: id,
  action: z.enum(['disassociate', 'revoke']),
  adamId: z.string().regex(/^\d{1,15}$/).nullable().default(null),
  pricing: z.enum(['STDQ', 'PLUS']).default('STDQ'),
  clientUserIds: z.array(z.string().min(1).max(200)).max(10_000).default([]),
  serialNumbers: z.array(z.string().min(1).max(100)).max(10_000).default([]),
});

export const HolderFailure = z.object({ id: z.string(), reason: z.string() });

export const RevokeResult = z.object({ requested: z.number().int(), done: z.number().int(), failures: z.array(HolderFailure) });

export const ReclaimSuggestion = z.object({
  serviceId: id,
  adamId: z.string(),
  pricing: z.string(),
  appName: z.string().nullable(),
  clientUserId: z.string().nullable(),
  serialNumber: z.string().nullable(),
  why: z.enum(['retired-user', 'device-gone']),
});
