import type { SandboxLocation } from '../state/sandbox-location';
import { firstNames, lastNames } from './name-lists';
import type { SeededRandom } from './seeded-random';

/**
 * Adds users the way a district's roster looks at Apple.
 *
 * Most are Associated (a third of those through Managed Apple IDs), a fifth still Registered
 * with an invite code, a few Retired, so invitations and filters have something to show.
 */
export function generateUsers(location: SandboxLocation, random: SeededRandom, count: number, version: number, domain: string): void {
  for (let i = 0; i < count; i++) {
    const person = `${random.pick(firstNames).toLowerCase()}.${random.pick(lastNames).toLowerCase()}${i}`;
    const roll = random.next();
    const status = roll < 0.05 ? 'Retired' : roll < 0.25 ? 'Registered' : 'Associated';
    const managed = status === 'Associated' && random.chance(0.3);
    location.users.add({
      clientUserId: uuid(random),
      email: `${person}@${domain}`,
      managedAppleId: managed ? `${person}@appleid.${domain}` : undefined,
      inviteCode: status === 'Registered' ? random.hex(32) : undefined,
      idHash: status === 'Associated' ? Buffer.from(random.hex(64), 'hex').toString('base64') : undefined,
      status,
      version,
    });
  }
}

function uuid(random: SeededRandom): string {
  const hex = random.hex(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
