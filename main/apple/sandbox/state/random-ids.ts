import { randomBytes, randomUUID } from 'node:crypto';

/** An invite code in the shape Apple uses (32 hex digits). */
export function newInviteCode(): string {
  return randomBytes(16).toString('hex');
}

/** The hash Apple reports for the Apple ID that accepted an invitation. */
export function newIdHash(): string {
  return randomBytes(32).toString('base64');
}

export function newEventId(): string {
  return randomUUID();
}
