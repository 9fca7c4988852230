import type { SandboxWorld } from './sandbox-world';
import { newIdHash } from './state/random-ids';

export interface AcceptedInvitation {
  locationId: string;
  clientUserId: string;
  idHash: string;
}

/**
 * A person opens their invitation link and signs in with an Apple ID.
 *
 * Apple then turns the Registered user into an Associated one with an `idHash`; there is no
 * API for this, so tests and demo mode act it out here. Null for an unknown or used code.
 */
export function acceptInvitation(world: SandboxWorld, inviteCode: string): AcceptedInvitation | null {
  for (const [locationId, location] of world.locations) {
    location.settle(world.now().getTime());
    const user = location.users.byInvite(inviteCode);
    if (!user || user.status !== 'Registered') continue;
    user.status = 'Associated';
    user.idHash = newIdHash();
    user.version = location.versions.advance();
    location.users.setInviteCode(user, undefined);
    return { locationId, clientUserId: user.clientUserId, idHash: user.idHash };
  }
  return null;
}
