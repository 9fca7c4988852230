import { z } from 'zod';
import { appleCommonAnswerFields } from './apple-common';
import { appleErrorInfoSchema } from './apple-error-body';

/** Every write answers only an event id; the work happens later. */
export const appleEventIdAnswerSchema = z.object({
  ...appleCommonAnswerFields,
  eventId: z.string().min(1),
});

const appleEventStatusValues = ['PENDING', 'COMPLETE', 'FAILED'] as const;
const appleEventTypeValues = ['ASSOCIATE', 'DISASSOCIATE', 'REVOKE', 'CREATE', 'UPDATE', 'RETIRE'] as const;

const appleEventFailureSchema = z.object({
  errorNumber: z.number().int(),
  errorMessage: z.string().optional(),
  errorInfo: appleErrorInfoSchema.optional(),
});

/** GET /status?eventId= answer. */
export const appleEventStatusSchema = z.object({
  ...appleCommonAnswerFields,
  eventStatus: z.enum(appleEventStatusValues),
  eventType: z.enum(appleEventTypeValues),
  numCompleted: z.number().int().nonnegative().default(0),
  numRequested: z.number().int().nonnegative().default(0),
  failures: z.array(appleEventFailureSchema).default([]),
});

export type AppleEventStatusValue = (typeof appleEventStatusValues)[number];
export type AppleEventType = (typeof appleEventTypeValues)[number];
export type AppleEventFailure = z.infer<typeof appleEventFailureSchema>;
export type AppleEventStatus = z.infer<typeof appleEventStatusSchema>;
