/**
 * Turns the rows of our devices.csv into device records (format: see devices-file-spec).
 *
 * Input is forgiving where spreadsheets differ (platform and supervised in any case, serials
 * in lower case) and the record holds one spelling, so later comparisons need no care.
 */
import { unmetManagedDistributionMinimum } from './managed-distribution-os';
import type { RowFields } from './row-fields';
import type { DevicePlatform, RosterDevice } from './roster-types';

const PLATFORMS: readonly DevicePlatform[] = ['iOS', 'iPadOS', 'macOS', 'tvOS'];
const SERIAL = /^[A-Za-z0-9]{8,20}$/;
const OS_VERSION = /^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$/;
const SUPERVISED = new Map<string, boolean>([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
  ['', false],
]);

export function readDevice(fields: RowFields): RosterDevice {
  const serialNumber = readSerialNumber(fields);
  const name = fields.optionalText('name');
  const platform = readPlatform(fields);
  const osVersion = readOsVersion(fields);
  const supervised = readSupervised(fields);
  const udid = fields.optionalId('udid');
  const locationId = fields.id('location_id');
  const assignedPersonId = fields.optionalId('assigned_person_id');
  if (platform !== null && osVersion !== null) warnWhenTooOld(fields, platform, osVersion);
  return {
    serialNumber,
    name,
    // A row with a bad platform or version fails the upload, so these stand-ins are never returned.
    platform: platform ?? 'iOS',
    osVersion: osVersion ?? '',
    supervised,
    udid,
    locationId,
    assignedPersonId,
    line: fields.line,
  };
}

function warnWhenTooOld(fields: RowFields, platform: DevicePlatform, osVersion: string): void {
  const minimum = unmetManagedDistributionMinimum(platform, osVersion);
  if (minimum === null) return;
  fields.warning(
    `This device runs ${platform} ${osVersion}; managed distribution needs ${minimum} or later, so it will need redemption codes.`,
  );
}

function readSerialNumber(fields: RowFields): string {
  const value = fields.text('serial_number');
  if (value !== '' && !SERIAL.test(value)) {
    fields.problem(`serial_number "${value}" must be 8 to 20 letters and digits.`);
  }
  return value.toUpperCase();
}

function readPlatform(fields: RowFields): DevicePlatform | null {
  const value = fields.text('platform');
  const platform = PLATFORMS.find((name) => name.toLowerCase() === value.toLowerCase());
  if (platform === undefined && value !== '') {
    fields.problem(`platform "${value}" must be iOS, iPadOS, macOS or tvOS.`);
  }
  return platform ?? null;
}

function readOsVersion(fields: RowFields): string | null {
  const value = fields.text('os_version');
  if (OS_VERSION.test(value)) return value;
  if (value !== '') fields.problem(`os_version "${value}" must be numbers separated by dots, such as 17.4 or 10.9.5.`);
  return null;
}

function readSupervised(fields: RowFields): boolean {
  const value = fields.text('supervised');
  const supervised = SUPERVISED.get(value.toLowerCase());
  if (supervised === undefined) {
    fields.problem(`supervised "${value}" must be true, false, yes, no, 1, 0 or empty.`);
  }
  return supervised ?? false;
}
