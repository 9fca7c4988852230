import { z } from 'zod';
import { applePageFields } from './apple-common';

export const appleUserStatusSchema = z.enum(['Registered', 'Associated', 'Retired', 'Deleted']);

const appleUserSchema = z.object({
  clientUserId: z.string().min(1),
  email: z.string().optional(),
  managedAppleId: z.string().optional(),
  inviteCode: z.string().optional(),
  idHash: z.string().optional(),
  status: appleUserStatusSchema,
});

export const appleUsersPageSchema = z.object({
  ...applePageFields,
  users: z.array(appleUserSchema).default([]),
});

/** POST /users/create, /users/update and /users/retire request. */
export const appleUsersRequestSchema = z.object({
  users: z.array(
    z.object({
      clientUserId: z.string().min(1),
      email: z.string().min(1).optional(),
      managedAppleId: z.string().min(1).optional(),
    }),
  ),
});

export type AppleUserStatus = z.infer<typeof appleUserStatusSchema>;
export type AppleUser = z.infer<typeof appleUserSchema>;
