/**
 * Every IPC channel and event channel of the app, declared once.
 *
 * Main's handler table, preload's `window.api` and the browser-mode bridge are all derived
 * from this file; the renderer imports its types only. Inputs are strict objects so a payload
 * with unexpected fields is refused rather than silently trimmed.
 */
import { z } from 'zod';
import type { Result } from './error-codes';

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

const personName = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters.');

const groupName = z
  .string()
  .trim()
  .min(1, 'Enter the organization name.')
  .max(100, 'Use at most 100 characters.');

const email = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.'));

export const MIN_PASSWORD_LENGTH = 12;

const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, 'Use at most 1024 characters.');

export const groupKinds = ['organization', 'district', 'school', 'class', 'other'] as const;

export const AdminSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
});

export const GroupNode = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  kind: z.enum(groupKinds),
});

export const KeychainStatus = z.object({
  available: z.boolean(),
  message: z.string().nullable(),
});

export const channels = {
  /** What the first screen needs: is there an organization yet, and who is signed in. */
  'app.status': channel(
    'public',
    nothing,
    z.object({
      organizationName: z.string().nullable(),
      admin: AdminSummary.nullable(),
      keychain: KeychainStatus,
    }),
  ),
  /** First run only: the organization (root group) and its first admin, who is signed in. */
  'setup.createOrganization': channel(
    'public',
    z.strictObject({
      organizationName: groupName,
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
  /** The groups the signed-in admin can see, parents before children. */
  'groups.tree': channel('admin', nothing, z.array(GroupNode)),
} as const;

export const events = {
  /** The organization tree changed; windows showing it reload. */
  'directory.changed': z.object({ groupIds: z.array(z.number().int()) }),
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
