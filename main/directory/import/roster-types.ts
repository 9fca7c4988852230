/**
 * The shapes a roster import reads and returns.
 *
 * A roster is the Apple School Manager SFTP upload (locations, students, staff, courses,
 * classes, rosters) plus our devices.csv. Every record keeps the physical line it came from,
 * so later steps can still point an admin at the row that caused them trouble.
 */

/** File name (e.g. 'students.csv', case-insensitive match on the base name) → raw bytes or text. */
export type RosterUpload = Record<string, Uint8Array | string>;

/**
 * One thing wrong with an upload, worded for the admin who has to fix the file.
 *
 * `line` is the 1-based physical line in the file (the header is line 1); a row whose quoted
 * value spans lines is reported at the line it starts on. It is null for problems with the
 * file as a whole. `message` carries no file or line prefix: the UI adds those.
 */
export interface ImportProblem {
  file: string;
  line: number | null;
  message: string;
}

export type RosterValidation =
  | { ok: true; roster: Roster; warnings: ImportProblem[] }
  | { ok: false; problems: ImportProblem[] };

export interface Roster {
  locations: RosterLocation[];
  students: RosterPerson[];
  staff: RosterPerson[];
  courses: RosterCourse[];
  classes: RosterClass[];
  rosters: RosterEnrollment[];
  devices: RosterDevice[];
}

export interface RosterLocation {
  locationId: string;
  name: string;
  line: number;
}

export interface RosterPerson {
  personId: string;
  personNumber: string | null;
  firstName: string;
  middleName: string | null;
  lastName: string;
  /** Students only; null for staff. */
  gradeLevel: string | null;
  email: string | null;
  sisUsername: string | null;
  /** Students only; null for staff and when the location's default applies. */
  passwordPolicy: PasswordPolicy | null;
  /** `location_id`, then `location_id_2` … `location_id_999` in number order; no blanks or repeats. */
  locationIds: string[];
  line: number;
}

export type PasswordPolicy = 4 | 6 | 8;

export interface RosterCourse {
  courseId: string;
  courseNumber: string | null;
  courseName: string | null;
  locationId: string;
  line: number;
}

export interface RosterClass {
  classId: string;
  classNumber: string | null;
  displayName: string | null;
  courseId: string;
  /** `instructor_id`, then `instructor_id_2` … `instructor_id_15` in number order; no blanks or repeats. */
  instructorIds: string[];
  locationId: string;
  line: number;
}

/** One row of rosters.csv: a student in a class. */
export interface RosterEnrollment {
  rosterId: string;
  classId: string;
  studentId: string;
  line: number;
}

export type DevicePlatform = 'iOS' | 'iPadOS' | 'macOS' | 'tvOS';

export interface RosterDevice {
  /** Upper case. */
  serialNumber: string;
  name: string | null;
  platform: DevicePlatform;
  osVersion: string;
  supervised: boolean;
  udid: string | null;
  locationId: string;
  assignedPersonId: string | null;
  line: number;
}
