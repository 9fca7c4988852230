/**
 * devices.csv lists the district's devices, one per row, in the same text format as Apple's
 * roster files: UTF-8 (a byte order mark is fine), LF or CRLF line endings, commas or
 * semicolons between values, and straight double quotes around a value that contains a space
 * or a comma (a quote inside it is written `\"` or `""`). The first line is the header row.
 * Columns are matched by name, may come in any order, and the optional ones may be left out;
 * no other columns are accepted.
 *
 * | column | required | value |
 * |---|---|---|
 * | serial_number | yes, unique | 8 to 20 letters and digits (Apple serials have 8 to 14); unique ignoring case; stored in upper case |
 * | name | no | any text, e.g. "Room 12 cart, iPad 3" |
 * | platform | yes | iOS, iPadOS, macOS or tvOS, in any case (`ipados` is read as `iPadOS`) |
 * | os_version | yes | one to three numbers separated by dots, e.g. 17, 17.4 or 10.9.5 |
 * | supervised | no | true, false, yes, no, 1 or 0, in any case; empty means false |
 * | udid | no, unique when given | letters, digits and hyphens; unique ignoring case |
 * | location_id | yes | a location_id of locations.csv |
 * | assigned_person_id | no | a person_id of students.csv or staff.csv |
 *
 * ```csv
 * serial_number,name,platform,os_version,supervised,udid,location_id,assigned_person_id
 * C02ABC12DEF3,"Ada's iPad",iPadOS,17.4,true,00008030-001A2B3C4D5E6F7A,LOC-1,S-1
 * DMPXYZ123456,"Room 12, Apple TV",tvOS,17.4,false,,LOC-1,
 * ```
 *
 * A device on iOS or iPadOS older than 7, or on macOS older than 10.9, is accepted with a
 * warning: managed distribution cannot install apps on it, so it will need redemption codes.
 */
import type { RosterFileSpec } from './roster-file-specs';

export const devicesSpec: RosterFileSpec = {
  file: 'devices.csv',
  columns: [
    'serial_number',
    'name',
    'platform',
    'os_version',
    'supervised',
    'udid',
    'location_id',
    'assigned_person_id',
  ],
  required: ['serial_number', 'platform', 'os_version', 'location_id'],
  numbered: null,
};
