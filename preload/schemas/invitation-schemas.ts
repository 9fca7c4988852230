import { z } from 'zod';
import { id } from './directory-schemas';
import { JobState } from './job-schemas';
import { ServerReadiness } from './settings-schemas';

export const InvitationOptions = z.strictObject({
  serviceId: id,
  groupId: id,
  /** all: everyone with devices here and below (the seed's default); not-invited; reminder: invited, not yet associated. */
  audience: z.enum(['all', 'not-invited', 'reminder']).default('all'),
  byEmail: z.boolean().default(true),
  byDevice: z.boolean().default(false),
}).refine((o) => o.byEmail || o.byDevice, { message: 'Choose at least one way to send the invitations.', path: ['byEmail'] });

export const InvitationPreview = z.object({
  /** Checked when invitations would go to devices; such a run is refused while it is not ready. */
  mdm: ServerReadiness,
  /** Checked when emails would be sent; a run with emails is refused while the mail server is not usable. */
  mail: ServerReadiness,
  users: z.number().int(),
  byEmail: z.number().int(),
  byDevice: z.number().int(),
  devices: z.number().int(),
  /** People with a Managed Apple Account: registered with Apple directly (associated at once), never emailed. */
  registeredDirectly: z.number().int(),
  skipped: z.array(z.object({ reason: z.string(), label: z.string(), count: z.number().int(), sample: z.array(z.string()) })),
});

export const InvitationRun = z.object({
  runId: z.string(),
  jobId: z.string().nullable(),
  state: z.enum(['running', 'finished', 'cancelled', 'failed']),
  message: z.string().nullable(),
  automatic: z.boolean(),
  counts: z.object({
    created: z.number().int(),
    registered: z.number().int(),
    emailed: z.number().int(),
    /** Device invitations queued and the device woken. */
    pushed: z.number().int(),
    /** Device invitations queued whose device was not woken; Retry failed pushes them again. */
    notReached: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    total: z.number().int(),
  }),
  rows: z.array(
    z.object({
      userId: z.number().int(),
      name: z.string(),
      /** apple: registered with Apple directly (a Managed Apple Account); target is the Managed Apple ID. */
      channel: z.enum(['email', 'device', 'apple', 'none']),
      target: z.string(),
      state: z.enum(['waiting', 'pending', 'sent', 'not-reached', 'skipped', 'failed']),
      reason: z.string().nullable(),
      sentAt: z.string().nullable(),
    }),
  ),
});

export const StartedInvitations = z.object({ runId: z.string(), job: JobState });

export const RunRef = z.strictObject({ runId: z.string().uuid() });
