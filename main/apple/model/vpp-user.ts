import type { AppleUser, AppleUserStatus } from '../wire/apple-user';

export type VppUserStatus = AppleUserStatus;

/**
 * An Apple-side user record of a service ("Apple user" in the UI).
 *
 * Registered users carry the invite code their invitation link is built from; Associated users
 * carry the hash of the Apple ID that accepted it.
 */
export interface VppUser {
  clientUserId: string;
  email: string | null;
  managedAppleId: string | null;
  inviteCode: string | null;
  idHash: string | null;
  status: VppUserStatus;
}

export function vppUserFromApple(wire: AppleUser): VppUser {
  return {
    clientUserId: wire.clientUserId,
    email: wire.email ?? null,
    managedAppleId: wire.managedAppleId ?? null,
    inviteCode: wire.inviteCode ?? null,
    idHash: wire.idHash ?? null,
    status: wire.status,
  };
}
