import { z } from 'zod';
import { appleAdamIdSchema, applePageFields, applePricingParamSchema } from './apple-common';
import { appleUserStatusSchema } from './apple-user';

/** One license held by a user (`clientUserId`) or a device (`serialNumber`). */
const appleAssignmentSchema = z
  .object({
    adamId: appleAdamIdSchema,
    pricingParam: applePricingParamSchema,
    clientUserId: z.string().optional(),
    serialNumber: z.string().optional(),
    idHash: z.string().optional(),
    userStatus: appleUserStatusSchema.optional(),
  })
  .refine((row) => (row.clientUserId === undefined) !== (row.serialNumber === undefined), {
    message: 'an assignment names exactly one of clientUserId and serialNumber',
  });

export const appleAssignmentsPageSchema = z.object({
  ...applePageFields,
  assignments: z.array(appleAssignmentSchema).default([]),
});

export type AppleAssignment = z.infer<typeof appleAssignmentSchema>;
