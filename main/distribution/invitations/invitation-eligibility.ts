import type { Platform } from '../../directory/device-store';

export type Audience = 'all' | 'not-invited' | 'reminder';

export interface InvitationOptions {
  audience: Audience;
  byEmail: boolean;
  byDevice: boolean;
}

export interface CandidateDevice {
  udid: string | null;
  platform: Platform;
  osVersion: string;
}

/** One user at or below the group, as eligibility sees them. */
export interface Candidate {
  userId: number;
  name: string;
  email: string | null;
  managedAppleId: string | null;
  devices: CandidateDevice[];
  /** Apple's status from the last sync of this service, or null when not synced or unknown to Apple. */
  appleStatus: 'Registered' | 'Associated' | 'Retired' | 'Deleted' | null;
  /** An invitation of this service was sent to them before (any channel, a direct registration included). */
  invitedBefore: boolean;
}

export const skipReasons = {
  'no-device': 'Has no device',
  'no-email': 'Has no email address',
  associated: 'Already associated with Apple',
  retired: 'Retired at Apple',
  'registered-before': 'Registered with Apple directly before (Managed Apple Account)',
  'not-invited': 'Not invited yet (reminders go only to invited users)',
  'already-invited': 'Already invited',
  'no-enrollment': 'No device enrolled in MDM',
  'device-too-old': 'Devices too old for Managed Distribution (iOS 7 / macOS 10.9 needed)',
  'macos-device': 'Only Mac devices: the MDM invitation goes to the Mac user, not the device',
} as const;

export type SkipReason = keyof typeof skipReasons;

export type Decision =
  | { kind: 'invite'; email: string | null; deviceUdids: string[] }
  /** A Managed Apple Account: registered with Apple carrying the Managed Apple ID, which Apple associates at once; never emailed. */
  | { kind: 'register'; managedAppleId: string }
  | { kind: 'skip'; reason: SkipReason };

/**
 * Who Invite Users reaches, and by which channels: a pure function over one user.
 *
 * The seed invites all users with devices at this level and below; the audience narrows that
 * to the not yet invited, or to a reminder for the invited who have not accepted. A user is
 * invited when at least one chosen channel can reach them; the reason given for a skip is
 * the first that applies, so the preview explains each person once. People with a Managed
 * Apple Account are not invited at all: they are registered directly, whatever the
 * audience and channels.
 */
export function decide(candidate: Candidate, options: InvitationOptions): Decision {
  if (candidate.devices.length === 0) return skip('no-device');
  if (candidate.appleStatus === 'Associated') return skip('associated');
  if (candidate.appleStatus === 'Retired' || candidate.appleStatus === 'Deleted') return skip('retired');
  if (candidate.managedAppleId !== null) {
    return candidate.invitedBefore ? skip('registered-before') : { kind: 'register', managedAppleId: candidate.managedAppleId };
  }
  const invited = candidate.invitedBefore || candidate.appleStatus === 'Registered';
  if (options.audience === 'not-invited' && invited) return skip('already-invited');
  if (options.audience === 'reminder' && !invited) return skip('not-invited');

  const email = options.byEmail ? candidate.email : null;
  const device = options.byDevice ? deviceTargets(candidate.devices) : { udids: [], reason: null };
  if (email !== null || device.udids.length > 0) return { kind: 'invite', email, deviceUdids: device.udids };
  if (options.byEmail) return skip('no-email');
  return skip(device.reason ?? 'no-enrollment');
}

function skip(reason: SkipReason): Decision {
  return { kind: 'skip', reason };
}

/** Enrolled iPhones and iPads new enough; the most telling reason when there are none. */
function deviceTargets(devices: CandidateDevice[]): { udids: string[]; reason: SkipReason | null } {
  const enrolled = devices.filter((d) => d.udid !== null);
  if (enrolled.length === 0) return { udids: [], reason: 'no-enrollment' };
  const mobile = enrolled.filter((d) => d.platform === 'iOS' || d.platform === 'iPadOS');
  if (mobile.length === 0) return { udids: [], reason: enrolled.some((d) => d.platform === 'macOS') ? 'macos-device' : 'no-enrollment' };
  const recent = mobile.filter((d) => supportsManagedDistribution(d));
  if (recent.length === 0) return { udids: [], reason: 'device-too-old' };
  return { udids: recent.map((d) => d.udid!), reason: null };
}

/** Managed Distribution needs iOS 7+ or OS X 10.9+. */
export function supportsManagedDistribution(device: { platform: Platform; osVersion: string }): boolean {
  const [major = 0, minor = 0] = device.osVersion.split('.').map((part) => Number.parseInt(part, 10) || 0);
  if (device.platform === 'macOS') return major > 10 || (major === 10 && minor >= 9);
  return major >= 7;
}
