import { randomUUID } from 'node:crypto';
import type { PlistValue } from 'plist';
import type { platforms } from '../../preload/contract';
import { DomainError } from '../errors/domain-error';

export type DevicePlatform = (typeof platforms)[number];

/** One command of Apple's device-management protocol, before it becomes a plist. */
export interface MdmCommand {
  /** Identifies this command in the device's answer; a fresh UUID per delivery. */
  commandUuid: string;
  requestType: 'InviteToProgram' | 'InstallApplication';
  /** The Command dictionary's keys besides RequestType. */
  keys: Record<string, PlistValue>;
}

/** Apple's program id for Managed Distribution (Apps and Books) invitations. */
export const MANAGED_DISTRIBUTION_PROGRAM_ID = 'com.apple.cloudvpp';

/** Shows a person Apple's Managed Distribution invitation on their device (iOS 7+, macOS 10.9+). */
export function inviteToProgram(invitationUrl: string): MdmCommand {
  if (!/^https?:$/.test(URL.canParse(invitationUrl) ? new URL(invitationUrl).protocol : '')) {
    throw new DomainError('VALIDATION', `The invitation link "${invitationUrl}" is not a web address, so no device invitation was made.`);
  }
  return {
    commandUuid: randomUUID(),
    requestType: 'InviteToProgram',
    keys: { ProgramID: MANAGED_DISTRIBUTION_PROGRAM_ID, InvitationURL: invitationUrl },
  };
}

export interface InstallTarget {
  /** Apple's adamId of the app: digits, sent as the integer iTunesStoreID. */
  adamId: string;
  platform: DevicePlatform;
  supervised: boolean;
  /** e.g. "17.4" or "10.15.7"; macOS needs 11 for the managed-install keys. */
  osVersion: string;
}

/** ManagementFlags bit 1: the app goes when the MDM profile goes. */
const REMOVE_WITH_MDM_PROFILE = 1;

/**
 * First major version that knows ChangeManagementState (tvOS has it from 10.2; counting
 * whole majors leaves the rare 10.x Apple TV without it rather than sending an unknown key).
 */
const TAKE_OVER_FROM: Record<DevicePlatform, number> = { iOS: 9, iPadOS: 9, tvOS: 11, macOS: 11 };

/**
 * Installs a licensed app through Managed Distribution (PurchaseMethod 1).
 *
 * Choices, per Apple's schema and the corrections in mdm-api.md:
 * - iOS, iPadOS, tvOS: ManagementFlags 1, so the school's app leaves with the school's
 *   profile.
 * - macOS: no ManagementFlags at all. macOS allows only 1, 4 and 5 and knows the key only
 *   from macOS 11; without it, removing the profile leaves the installed app in place. From
 *   macOS 11, InstallAsManaged makes the install managed (earlier systems know no such key
 *   and install unmanaged).
 * - ChangeManagementState Managed (take over a copy the person installed themselves) only on
 *   supervised devices: on an unsupervised, often personal, device it would ask the person,
 *   and on iOS the taken-over copy would later leave, data and all, with the profile.
 * Systems too old for Managed Distribution (before iOS 7 / OS X 10.9), and device-assigned
 * installs on OS X 10.9 (its device channel has no Managed Distribution installs), are the
 * caller's to filter out, where they are reported with the reason.
 */
export function installApplication(target: InstallTarget): MdmCommand {
  if (!/^\d{1,15}$/.test(target.adamId)) {
    throw new DomainError('VALIDATION', `"${target.adamId}" is not an App Store id, so no install command was made.`);
  }
  const macOS = target.platform === 'macOS';
  const major = majorVersion(target.osVersion);
  const keys: Record<string, PlistValue> = {
    iTunesStoreID: Number(target.adamId),
    Options: { PurchaseMethod: 1 },
  };
  if (!macOS) keys.ManagementFlags = REMOVE_WITH_MDM_PROFILE;
  if (macOS && major >= 11) keys.InstallAsManaged = true;
  if (target.supervised && major >= TAKE_OVER_FROM[target.platform]) keys.ChangeManagementState = 'Managed';
  return { commandUuid: randomUUID(), requestType: 'InstallApplication', keys };
}

function majorVersion(osVersion: string): number {
  const major = Number.parseInt(osVersion, 10);
  return Number.isNaN(major) ? 0 : major;
}
