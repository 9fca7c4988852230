/**
 * What validation knows about each file of an upload once every file has been read.
 *
 * The three states matter to the checks between files: a reference into a file that was not
 * uploaded is one problem, while a reference into a file that could not be read is not checked,
 * because that file's own problem already fails the upload and guessing would only add noise.
 */
import type {
  RosterClass,
  RosterCourse,
  RosterDevice,
  RosterEnrollment,
  RosterLocation,
  RosterPerson,
} from './roster-types';

/** One file of the upload: not given, given but unreadable, or read into records. */
export type FileRead<T> = { kind: 'absent' } | { kind: 'unreadable' } | { kind: 'read'; records: T[] };

export interface RosterReads {
  locations: FileRead<RosterLocation>;
  students: FileRead<RosterPerson>;
  staff: FileRead<RosterPerson>;
  courses: FileRead<RosterCourse>;
  classes: FileRead<RosterClass>;
  rosters: FileRead<RosterEnrollment>;
  devices: FileRead<RosterDevice>;
}

/** The records of a read file; none otherwise. */
export function recordsOf<T>(read: FileRead<T>): T[] {
  return read.kind === 'read' ? read.records : [];
}
