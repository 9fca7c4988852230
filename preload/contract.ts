/**
 * Every IPC channel and event channel of the app, declared once.
 *
 * Main's handler table, preload's `window.api` and the browser-mode bridge are all derived
 * from this file; the renderer imports its types only. Inputs are strict objects so a payload
 * with unexpected fields is refused rather than silently trimmed.
 */
import { z } from 'zod';
import type { Result } from './error-codes';
import {
  AdminInput,
  AdminRow,
  creatableGroupKinds,
  DeviceInput,
  DeviceOwner,
  DeviceRow,
  email,
  GroupNode,
  groupName,
  id,
  listWindow,
  nameText,
  newPassword,
  personName,
  UserInput,
  UserRow,
} from './schemas/directory-schemas';
import { AddTokenInput, MakeActiveInput, serviceName, ServiceView, TokenView, UsableToken } from './schemas/distribution-schemas';
import { ImportCheck, ImportInput } from './schemas/import-schemas';
import {
  InstallPreview,
  InstallRequest,
  InstallResults,
  InstallRunView,
  InstallStarted,
  ReclaimSuggestion,
  RevokeRequest,
  RevokeResult,
} from './schemas/install-schemas';
import {
  AppleUserQuery,
  AppleUserRow,
  AssignmentQuery,
  AssignmentRow,
  Connectivity,
  ExportRequest,
  LicenseQuery,
  LicenseRow,
  Settings,
  SyncStatus,
} from './schemas/report-schemas';
import { JobState } from './schemas/job-schemas';
import { InvitationOptions, InvitationPreview, InvitationRun, RunRef, StartedInvitations } from './schemas/invitation-schemas';
import { EmailPreview, MailSettings, MailSettingsInput, MdmSettings, MdmSettingsInput } from './schemas/settings-schemas';

export type { ApiError, ErrorCode, Result } from './error-codes';

/** Who may call a channel: anyone with the app open, or only a signed-in admin. */
export type Access = 'public' | 'admin';

interface ChannelSpec {
  access: Access;
  input: z.ZodType;
  output: z.ZodType;
}

function channel<A extends Access, I extends z.ZodType, O extends z.ZodType>(access: A, input: I, output: O) {
  const spec: ChannelSpec & { access: A; input: I; output: O } = { access, input, output };
  return spec;
}

const nothing = z.strictObject({});

export {
  creatableGroupKinds,
  groupKinds,
  MIN_PASSWORD_LENGTH,
  platforms,
  userRoles,
} from './schemas/directory-schemas';

export const AdminSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
});

export const SessionSettings = z.object({
  idleHours: z.number().int().min(1, 'Use at least 1 hour.').max(168, 'Use at most 168 hours (a week).'),
});

export const KeychainStatus = z.object({
  available: z.boolean(),
  message: z.string().nullable(),
});

const groupId = z.strictObject({ groupId: id });

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-24.');

const listQuery = <S extends readonly [string, ...string[]]>(sortable: S) =>
  z.strictObject({ groupId: id, sort: z.enum(sortable).default(sortable[0]), ...listWindow });

const page = <R extends z.ZodType>(row: R) => z.object({ total: z.number().int(), rows: z.array(row) });

export const channels = {
  /** What the first screen needs: is there an organization yet, and who is signed in. */
  'app.status': channel(
    'public',
    nothing,
    z.object({
      organizationName: z.string().nullable(),
      admin: AdminSummary.nullable(),
      keychain: KeychainStatus,
      /** The app shows the generated sample district, not the admin's own data. */
      demo: z.boolean(),
    }),
  ),
  /** "Explore with a sample district": a separate data folder, a generated district, a sandbox Apple; signs the caller in. */
  'demo.start': channel('public', nothing, AdminSummary),
  /** Back to the admin's own data folder; the sample district is deleted. */
  'demo.exit': channel('public', nothing, z.object({})),
  /** First run only: the organization (root group) and its first admin, who is signed in. */
  'setup.createOrganization': channel(
    'public',
    z.strictObject({
      organizationName: nameText('Enter the organization name.', 100),
      adminName: personName,
      email,
      password: newPassword,
    }),
    AdminSummary,
  ),
  'auth.signIn': channel(
    'public',
    z.strictObject({
      email: z.string().trim().toLowerCase().min(1, 'Enter your email address.').max(320),
      password: z.string().min(1, 'Enter your password.').max(1024),
    }),
    AdminSummary,
  ),
  'auth.signOut': channel('admin', nothing, z.object({})),
  /** How long a window may stay unused before it is signed out; changed only by organization admins. */
  'sessions.settings': channel('admin', nothing, SessionSettings),
  'sessions.saveSettings': channel('admin', SessionSettings.strict(), SessionSettings),
  /** The groups the signed-in admin can see, parents before children. */
  'groups.tree': channel('admin', nothing, z.array(GroupNode)),
  'groups.create': channel(
    'admin',
    z.strictObject({ parentId: id, name: groupName, kind: z.enum(creatableGroupKinds) }),
    GroupNode,
  ),
  'groups.rename': channel('admin', z.strictObject({ groupId: id, name: groupName }), GroupNode),
  'groups.move': channel('admin', z.strictObject({ groupId: id, newParentId: id }), GroupNode),
  /** Only an empty group: no groups, users, devices or services left in it. */
  'groups.delete': channel('admin', groupId, z.object({})),

  /** Admins with a direct group at or below this group. */
  'admins.list': channel('admin', groupId, z.array(AdminRow)),
  'admins.create': channel('admin', AdminInput.extend({ password: newPassword }), AdminRow),
  'admins.update': channel('admin', AdminInput.extend({ adminId: id }), AdminRow),
  'admins.setDisabled': channel('admin', z.strictObject({ adminId: id, disabled: z.boolean() }), AdminRow),
  'admins.resetPassword': channel('admin', z.strictObject({ adminId: id, password: newPassword }), z.object({})),

  /** Users whose home group or class is at or below this group, one window of the sorted list. */
  'users.list': channel('admin', listQuery(['name', 'email', 'role', 'group', 'devices'] as const), page(UserRow)),
  'users.create': channel('admin', UserInput, UserRow),
  'users.update': channel('admin', UserInput.extend({ userId: id }), UserRow),
  'users.delete': channel('admin', z.strictObject({ userId: id }), z.object({})),

  /** Devices whose home group is at or below this group, with the person each belongs to. */
  'devices.list': channel(
    'admin',
    listQuery(['serialNumber', 'name', 'platform', 'osVersion', 'group', 'owner'] as const),
    page(DeviceRow),
  ),
  'devices.create': channel('admin', DeviceInput, DeviceRow),
  'devices.update': channel('admin', DeviceInput.extend({ deviceId: id }), DeviceRow),
  'devices.delete': channel('admin', z.strictObject({ deviceId: id }), z.object({})),
  /** Give a device to a user or an admin, or (null) to nobody. */
  'devices.associate': channel('admin', z.strictObject({ deviceId: id, owner: DeviceOwner }), DeviceRow),

  /** Apple School Manager files: every problem, with file and line, before anything is written. */
  'import.check': channel('admin', ImportInput, ImportCheck),
  /** Checks again, then imports as a job; a set with any problem is refused whole. */
  'import.start': channel('admin', ImportInput, JobState),

  'jobs.get': channel('admin', z.strictObject({ jobId: z.string().uuid() }), JobState),
  'jobs.cancel': channel('admin', z.strictObject({ jobId: z.string().uuid() }), JobState),

  /** Reads a service's licenses and Apple users into the offline cache, as a job. */
  'sync.start': channel('admin', z.strictObject({ serviceId: id }), JobState),
  /** Each service the report covers at this level: last good sync, last failure, running job. */
  'sync.status': channel('admin', groupId, z.array(SyncStatus)),
  'app.connectivity': channel('admin', nothing, Connectivity),
  /** Help → Export Diagnostics as a file: versions, database shape, recent audit entries, settings; never a secret. Organization admins only. */
  'app.diagnostics': channel('admin', nothing, z.object({ fileName: z.string(), text: z.string() })),
  /** The .vpptoken file the admin opened with the app (desktop), read once; null when there is none. */
  'tokens.pendingFile': channel('admin', nothing, z.object({ fileName: z.string(), text: z.string() }).nullable()),
  'settings.get': channel('admin', nothing, Settings),
  'settings.update': channel('admin', Settings.strict(), Settings),

  /** SMTP for invitation emails; the password lives in the OS keychain. Changed only by organization admins. */
  'mail.settings': channel('admin', nothing, MailSettings),
  'mail.saveSettings': channel('admin', MailSettingsInput, MailSettings),
  'mail.sendTest': channel('admin', z.strictObject({ to: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')) }), z.object({ message: z.string() })),
  /** The invitation email as a user at this level would get it, with a sample link. */
  'mail.previewInvitation': channel('admin', groupId, EmailPreview),
  /** The MDM server (NanoMDM) that delivers install and invitation commands; the API key lives in the keychain. */
  'mdm.settings': channel('admin', nothing, MdmSettings),
  'mdm.saveSettings': channel('admin', MdmSettingsInput, MdmSettings),
  'mdm.testConnection': channel('admin', nothing, z.object({ message: z.string() })),

  /** Invite Users: who would be invited at this level through this service, and who is left out and why. */
  'invitations.preview': channel('admin', InvitationOptions, InvitationPreview),
  /** Registers the people with Apple and sends their invitations, as a job that resumes after a restart. */
  'invitations.start': channel('admin', InvitationOptions, StartedInvitations),
  /** One run's counts and per-user results. */
  'invitations.results': channel('admin', RunRef, InvitationRun),
  /** A new run over the failed invitations of an earlier one. */
  'invitations.retryFailed': channel('admin', RunRef, StartedInvitations),

  /** Managed Distribution Report, Licenses tab: one window, filtered and sorted by SQLite. */
  'report.licenses': channel('admin', LicenseQuery, page(LicenseRow)),
  /** Who holds the licenses of one app or book, among the people the admin sees at this level; `outside` counts the licenses others hold. */
  'report.assignments': channel('admin', AssignmentQuery, page(AssignmentRow).extend({ outside: z.number().int() })),
  /** Managed Distribution Report, Users tab. */
  'report.users': channel('admin', AppleUserQuery, page(AppleUserRow)),
  /** Writes the current view as CSV to a file the admin chooses (desktop) or answers a download link (browser). */
  'report.export': channel('admin', ExportRequest, z.object({ savedTo: z.string().nullable(), downloadUrl: z.string().nullable(), rows: z.number().int() })),

  /** Install…: what an install of one app would do at this level, device by device, before anything is sent. */
  'installs.preview': channel('admin', InstallRequest, InstallPreview),
  /** Assigns licenses with Apple, then sends install commands to the confirmed devices, as a job. */
  'installs.start': channel('admin', InstallRequest, InstallStarted),
  /** Recent installs of the services this level's report covers: who, when, how it went. */
  'installs.runs': channel('admin', groupId, z.array(InstallRunView)),
  'installs.results': channel('admin', z.strictObject({ runId: z.string().uuid() }), InstallResults),
  /** Tries the failed items again; also carries on an install the app stopped in the middle of. */
  'installs.retryFailed': channel('admin', z.strictObject({ runId: z.string().uuid() }), InstallStarted),
  /** Takes licenses back: one app from chosen holders, or all their licenses. */
  'licenses.revoke': channel('admin', RevokeRequest, RevokeResult),
  /** Licenses held by retired Apple users or by devices no longer in the directory. */
  'licenses.reclaimSuggestions': channel('admin', groupId, z.array(ReclaimSuggestion)),
  'licenses.retireUsers': channel('admin', z.strictObject({ groupId: id, tokenId: id, clientUserIds: z.array(z.string().min(1).max(200)).min(1).max(10_000) }), RevokeResult),

  /** Settings → Managed Distribution: services of this level, and read-only those above it. */
  'services.list': channel('admin', groupId, z.array(ServiceView)),
  'services.create': channel('admin', z.strictObject({ groupId: id, name: serviceName }), ServiceView),
  /** "Which tokens can I use here": active tokens the access rule allows at this level. */
  'services.usableTokens': channel('admin', groupId, z.array(UsableToken)),
  /** Parsed locally, checked with Apple, stored in the keychain. */
  'tokens.add': channel('admin', AddTokenInput, z.object({ token: TokenView, warnings: z.array(z.string()) })),
  'tokens.cancelCheck': channel('admin', z.strictObject({ checkId: z.string().uuid() }), z.object({})),
  'tokens.makeActive': channel('admin', MakeActiveInput, TokenView),
  'tokens.recheck': channel('admin', z.strictObject({ tokenId: id }), TokenView),
  /** The secret itself, for View Token's Reveal and Copy; audited. */
  'tokens.reveal': channel('admin', z.strictObject({ tokenId: id }), z.object({ secret: z.string() })),
  'tokens.remove': channel('admin', z.strictObject({ tokenId: id, confirmation: z.string().max(200) }), z.object({})),

  /** Who did what, when: newest first, filtered by admin, action and date. */
  'audit.list': channel(
    'admin',
    z.strictObject({
      adminId: id.nullable().default(null),
      action: z.string().trim().max(100).default(''),
      from: isoDay.nullable().default(null),
      to: isoDay.nullable().default(null),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.object({
      total: z.number().int(),
      rows: z.array(
        z.object({
          id,
          at: z.string(),
          adminId: id.nullable(),
          adminName: z.string().nullable(),
          action: z.string(),
          target: z.string(),
          details: z.string(),
        }),
      ),
      actions: z.array(z.string()),
      /** "own" when the admin may read only their own entries. */
      scope: z.enum(['all', 'own']),
    }),
  ),
} as const;

export const events = {
  /** The organization tree changed; windows showing it reload. */
  'directory.changed': z.object({ groupIds: z.array(z.number().int()) }),
  /** Services or tokens changed; the Managed Distribution page reloads. */
  'distribution.changed': z.object({ serviceIds: z.array(z.number().int()) }),
  /** Apple answered, or could not be reached. */
  'app.connectivity': Connectivity,
  /** The admin opened a .vpptoken file while the app was running; ask tokens.pendingFile for it. */
  'tokens.fileOpened': z.object({}),
  /** A service's cache or sync state changed. */
  'sync.changed': z.object({ serviceIds: z.array(z.number().int()) }),
  /** A job moved on or ended. */
  'jobs.progress': JobState,
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>;
export type ChannelAccess<C extends Channel> = Channels[C]['access'];

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const channelNames = Object.keys(channels) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(channels, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never;
type MethodsOf<D extends string> = {
  [C in Channel as C extends `${D}.${infer M}` ? M : never]: (
    input: ChannelInput<C>,
  ) => Promise<Result<ChannelOutput<C>>>;
};

/** `window.api`: one object per domain (`api.auth.signIn(...)`) plus event subscription. */
export type Api = { [D in DomainOf<Channel>]: MethodsOf<D> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Splits `auth.signIn` into the domain and method names `window.api` uses. */
export function splitChannel(name: string): [domain: string, method: string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}
