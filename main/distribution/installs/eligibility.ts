import type { Platform } from '../../directory/device-store';

export type AssignmentKind = 'device' | 'user';

/** Why a device gets no license (refusals) or gets one with a caveat (notes). */
export type ReasonCode =
  | 'os-too-old'
  | 'platform-not-supported'
  | 'not-device-assignable'
  | 'macos-device-needs-10-10'
  | 'no-associated-user'
  | 'user-not-associated'
  | 'not-enough-licenses'
  | 'owner-outside-level'
  | 'license-only-macos'
  | 'not-enrolled'
  | 'will-ask-user'
  | 'already-assigned'
  | 'licenses-only'
  | 'registered-directly';

const REFUSALS: ReadonlySet<ReasonCode> = new Set([
  'owner-outside-level',
  'os-too-old',
  'platform-not-supported',
  'not-device-assignable',
  'macos-device-needs-10-10',
  'no-associated-user',
  'user-not-associated',
  'not-enough-licenses',
]);

export const isRefusal = (code: ReasonCode) => REFUSALS.has(code);

/** One device the admin aimed at, with what the directory and the cache know of it. */
export interface Candidate {
  deviceId: number;
  serialNumber: string;
  deviceName: string | null;
  platform: Platform;
  osVersion: string;
  supervised: boolean;
  udid: string | null;
  /** The directory user the device belongs to; an admin's device has none. */
  user: { id: number; name: string; clientUserId: string; appleStatus: string | null; managedAppleId: string | null } | null;
  /**
   * It belongs to a user who is not at or below the level: any license on it would be that
   * person's, so it is refused here and the person is not named.
   */
  ownerOutsideLevel: boolean;
}

/** The app as the offline cache knows it at this service. */
export interface AppFacts {
  platforms: readonly string[];
  deviceAssignable: boolean;
  /** null: unlimited (a free app). */
  available: number | null;
  /** Serials and clientUserIds already holding a license of this app. */
  holders: ReadonlySet<string>;
}

export interface Verdict {
  candidate: Candidate;
  /** The license holder: the serial (device-based) or the owner's clientUserId (user-based). */
  holder: string | null;
  reasons: ReasonCode[];
  /** Gets (or already has) a license. */
  licensed: boolean;
  /** An InstallApplication command goes to it once its license is confirmed. */
  command: boolean;
}

export interface Eligibility {
  verdicts: Verdict[];
  /** New licenses the eligible devices need (a user's devices share one). */
  licensesNeeded: number;
  /** How many more licenses than are available that would take; those devices are refused. */
  short: number;
}

const MINIMUM_MAJOR: Record<Platform, [number, number]> = { iOS: [7, 0], iPadOS: [7, 0], macOS: [10, 9], tvOS: [0, 0] };

/** Managed distribution needs iOS 7 / OS X 10.9; earlier systems need redemption codes. */
export function osTooOld(platform: Platform, osVersion: string): boolean {
  return versionBefore(osVersion, MINIMUM_MAJOR[platform]);
}

function versionBefore(osVersion: string, [needMajor, needMinor]: readonly [number, number]): boolean {
  const [major = 0, minor = 0] = osVersion.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return major < needMajor || (major === needMajor && minor < needMinor);
}

/** iPadOS devices run iOS apps. */
export function platformSupported(platforms: readonly string[], platform: Platform): boolean {
  return platforms.includes(platform) || (platform === 'iPadOS' && platforms.includes('iOS'));
}

/**
 * Decides, device by device, what an install of one app would do, before anything is sent.
 *
 * Refusals come first and stop at the first that applies; the licenses left are then handed
 * out in the given order, so the devices past the available count are refused as short and
 * the admin can proceed with the others.
 */
export function decideEligibility(candidates: readonly Candidate[], app: AppFacts, kind: AssignmentKind, options: { licensesOnly?: boolean } = {}): Eligibility {
  const verdicts = candidates.map((candidate) => refusalOrHolder(candidate, app, kind));
  const newHolders = new Set<string>();
  let short = 0;
  const shortHolders = new Set<string>();
  for (const verdict of verdicts) {
    if (!verdict.licensed || verdict.holder === null || app.holders.has(verdict.holder) || newHolders.has(verdict.holder)) continue;
    if (shortHolders.has(verdict.holder) || (app.available !== null && newHolders.size >= app.available)) {
      if (!shortHolders.has(verdict.holder)) short++;
      shortHolders.add(verdict.holder);
      continue;
    }
    newHolders.add(verdict.holder);
  }
  return {
    verdicts: verdicts.map((verdict) => withNotes(verdict, app, kind, shortHolders, options.licensesOnly ?? false)),
    licensesNeeded: newHolders.size + short,
    short,
  };
}

function refusalOrHolder(candidate: Candidate, app: AppFacts, kind: AssignmentKind): Verdict {
  const refuse = (code: ReasonCode): Verdict => ({ candidate, holder: null, reasons: [code], licensed: false, command: false });
  if (candidate.ownerOutsideLevel) return refuse('owner-outside-level');
  if (osTooOld(candidate.platform, candidate.osVersion)) return refuse('os-too-old');
  if (!platformSupported(app.platforms, candidate.platform)) return refuse('platform-not-supported');
  if (kind === 'device') {
    if (!app.deviceAssignable) return refuse('not-device-assignable');
    // OS X 10.9 takes Managed Distribution installs on its user channel only.
    if (candidate.platform === 'macOS' && versionBefore(candidate.osVersion, [10, 10])) return refuse('macos-device-needs-10-10');
    return { candidate, holder: candidate.serialNumber.toUpperCase(), reasons: [], licensed: true, command: true };
  }
  if (!candidate.user) return refuse('no-associated-user');
  const { appleStatus, managedAppleId, clientUserId } = candidate.user;
  if (appleStatus === 'Associated') return { candidate, holder: clientUserId, reasons: [], licensed: true, command: true };
  // A Managed Apple Account needs no invitation: the install registers it first, and Apple associates it at once.
  if (managedAppleId === null || appleStatus === 'Retired' || appleStatus === 'Deleted') return refuse('user-not-associated');
  return { candidate, holder: clientUserId, reasons: ['registered-directly'], licensed: true, command: true };
}

function withNotes(verdict: Verdict, app: AppFacts, kind: AssignmentKind, shortHolders: ReadonlySet<string>, licensesOnly: boolean): Verdict {
  if (verdict.holder === null) return verdict;
  if (shortHolders.has(verdict.holder)) return { ...verdict, reasons: ['not-enough-licenses'], licensed: false, command: false };
  const reasons: ReasonCode[] = [...verdict.reasons];
  let command = true;
  if (app.holders.has(verdict.holder)) reasons.push('already-assigned');
  const { candidate } = verdict;
  if (kind === 'user' && candidate.platform === 'macOS') {
    reasons.push('license-only-macos');
    command = false;
  } else if (candidate.udid === null) {
    reasons.push('not-enrolled');
    command = false;
  } else if (licensesOnly) {
    reasons.push('licenses-only');
    command = false;
  } else if (!candidate.supervised) {
    reasons.push('will-ask-user');
  }
  return { ...verdict, reasons, command };
}

/** One sentence per reason, for the admin. */
export function reasonMessage(code: ReasonCode): string {
  switch (code) {
    case 'os-too-old':
      return 'Its system is too old for managed distribution (needs iOS 7 or OS X 10.9); use redemption codes.';
    case 'platform-not-supported':
      return 'The app does not run on this kind of device.';
    case 'not-device-assignable':
      return 'The app can only be assigned to users, not to devices.';
    case 'macos-device-needs-10-10':
      return 'OS X 10.9 takes managed apps only through its user, not assigned to the device (that needs OS X 10.10 or later); assign licenses to users instead.';
    case 'no-associated-user':
      return 'No user is associated with this device; associate one or assign to the device.';
    case 'user-not-associated':
      return 'Its user has not joined Apple’s managed distribution yet; invite them first.';
    case 'owner-outside-level':
      return 'It belongs to someone who is not at or below this level; an admin of theirs installs apps on it.';
    case 'not-enough-licenses':
      return 'Not enough licenses are available; buy more or free some.';
    case 'license-only-macos':
      return 'License only: on a Mac the user installs the app from the App Store.';
    case 'not-enrolled':
      return 'License only: the device is not enrolled in MDM, so no install command can be sent.';
    case 'will-ask-user':
      return 'The device is not supervised: its user will be asked to accept the app.';
    case 'already-assigned':
      return 'Already holds a license of this app, so none is spent on it.';
    case 'licenses-only':
      return 'License only, as chosen: no install command is sent; install the app through the MDM server later.';
    case 'registered-directly':
      return 'Its user has a Managed Apple Account: registered with Apple first (no invitation needed), then licensed.';
  }
}
