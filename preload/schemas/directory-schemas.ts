/**
 * Shapes of the directory (groups, admins, users, devices) as they cross IPC.
 *
 * Declared here and used only by `contract.ts`, which stays the one list of channels.
 */
import { z } from 'zod';
import { CONTROL_CHARACTERS } from './control-characters';
import { passwordShapeProblem } from './password-rules';

export const id = z.number().int().positive();

export const groupKinds = ['organization', 'district', 'school', 'class', 'other'] as const;
export const creatableGroupKinds = ['district', 'school', 'class', 'other'] as const;
export const platforms = ['iOS', 'iPadOS', 'macOS', 'tvOS'] as const;
export const userRoles = ['student', 'staff'] as const;

export const MIN_PASSWORD_LENGTH = 12;

const NO_CONTROL_CHARACTERS = 'Use letters, digits, spaces and punctuation only: no line breaks, tabs or other control characters.';
const withoutControlCharacters = (value: string) => !CONTROL_CHARACTERS.test(value);

/** One line of text a person types as a name: trimmed, never empty, never a control character (SQLite's CHECK counts up to a NUL). */
export const nameText = (empty: string, max: number) =>
  z.string().trim().min(1, empty).max(max, `Use at most ${max} characters.`).refine(withoutControlCharacters, NO_CONTROL_CHARACTERS);

export const personName = nameText('Enter a name.', 200);
export const groupName = nameText('Enter a name.', 100);
export const email = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.'));
const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.email('Enter a valid email address.').nullable())
  .nullable();
// Main also refuses the common passwords and ones made of the email or organization name.
export const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, 'Use at most 1024 characters.')
  .superRefine((password, context) => {
    const problem = passwordShapeProblem(password);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .refine(withoutControlCharacters, NO_CONTROL_CHARACTERS)
    .transform((v) => (v === '' ? null : v))
    .nullable();

export const GroupNode = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  kind: z.enum(groupKinds),
  /** The signed-in admin is a direct admin of this group. */
  direct: z.boolean(),
});

export const listWindow = {
  search: z.string().trim().max(200).default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  direction: z.enum(['asc', 'desc']).default('asc'),
};

export const AdminRow = z.object({
  id,
  name: z.string(),
  email: z.string(),
  disabled: z.boolean(),
  directGroups: z.array(z.object({ id, name: z.string() })),
  /** The signed-in admin may edit this admin: every group of theirs is in the signed-in admin's reach. */
  manageable: z.boolean(),
});

export const AdminInput = z.strictObject({
  name: personName,
  email,
  directGroupIds: z.array(id).min(1, 'Choose at least one group this admin administers.').max(1000),
});

export const UserRow = z.object({
  id,
  name: z.string(),
  email: z.string().nullable(),
  managedAppleId: z.string().nullable(),
  role: z.enum(userRoles),
  gradeLevel: z.string().nullable(),
  externalId: z.string().nullable(),
  homeGroupId: id,
  homeGroupName: z.string(),
  deviceCount: z.number().int(),
});

export const UserInput = z.strictObject({
  name: personName,
  email: optionalEmail,
  managedAppleId: optionalEmail,
  role: z.enum(userRoles),
  gradeLevel: optionalText(20),
  externalId: optionalText(100),
  homeGroupId: id,
});

export const DeviceRow = z.object({
  id,
  serialNumber: z.string(),
  name: z.string().nullable(),
  platform: z.enum(platforms),
  osVersion: z.string(),
  supervised: z.boolean(),
  udid: z.string().nullable(),
  homeGroupId: id,
  homeGroupName: z.string(),
  owner: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('user'), id, name: z.string() }),
      z.object({ kind: z.literal('admin'), id, name: z.string() }),
    ])
    .nullable(),
});

export const DeviceInput = z.strictObject({
  serialNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{8,20}$/, 'A serial number is 8 to 20 letters and digits.'),
  name: optionalText(100),
  platform: z.enum(platforms),
  osVersion: z.string().trim().regex(/^\d+(\.\d+){0,3}$/, 'Enter a version such as 17.4 or 10.9.5.'),
  supervised: z.boolean(),
  udid: optionalText(100),
  homeGroupId: id,
});

export const DeviceOwner = z
  .discriminatedUnion('kind', [z.strictObject({ kind: z.literal('user'), id }), z.strictObject({ kind: z.literal('admin'), id })])
  .nullable();
