import type { AppleAssignment } from '../wire/apple-assignment';
import type { VppUserStatus } from './vpp-user';

/** A license of one asset held by a user or by a device serial number (exactly one is set). */
export interface Assignment {
  adamId: string;
  pricingParam: string;
  clientUserId: string | null;
  serialNumber: string | null;
  /** Only with `includeUserState`: the holder's Apple ID hash and status. */
  idHash: string | null;
  userStatus: VppUserStatus | null;
}

export function assignmentFromApple(wire: AppleAssignment): Assignment {
  return {
    adamId: wire.adamId,
    pricingParam: wire.pricingParam,
    clientUserId: wire.clientUserId ?? null,
    serialNumber: wire.serialNumber ?? null,
    idHash: wire.idHash ?? null,
    userStatus: wire.userStatus ?? null,
  };
}
