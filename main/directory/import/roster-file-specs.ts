/**
 * The columns of each roster file: Apple's six SFTP templates and our devices.csv.
 *
 * Columns are matched by name, never by position, and names are case-sensitive because Apple
 * refuses a changed header row. Only the columns listed as required must appear in the header;
 * the other template columns may be left out. Beyond the template columns a file accepts only
 * the optional extras Apple documents (and none for devices.csv).
 */
import { devicesSpec } from './devices-file-spec';

export type RosterFileName =
  | 'locations.csv'
  | 'students.csv'
  | 'staff.csv'
  | 'courses.csv'
  | 'classes.csv'
  | 'rosters.csv'
  | 'devices.csv';

export interface RosterFileSpec {
  file: RosterFileName;
  /** Template columns, in template order. */
  columns: readonly string[];
  /** Columns the header must contain and whose values must not be empty. */
  required: readonly string[];
  /** Optional numbered columns beyond the template, e.g. `location_id_2` … `location_id_999`. */
  numbered: NumberedColumns | null;
}

/** A family `<prefix>_<n>` of optional columns for n in [from, to]. */
export interface NumberedColumns {
  prefix: string;
  from: number;
  to: number;
}

const locationColumns: NumberedColumns = { prefix: 'location_id', from: 2, to: 999 };

export const locationsSpec: RosterFileSpec = {
  file: 'locations.csv',
  columns: ['location_id', 'location_name'],
  required: ['location_id', 'location_name'],
  numbered: null,
};

export const studentsSpec: RosterFileSpec = {
  file: 'students.csv',
  columns: [
    'person_id',
    'person_number',
    'first_name',
    'middle_name',
    'last_name',
    'grade_level',
    'email_address',
    'sis_username',
    'password_policy',
    'location_id',
  ],
  required: ['person_id', 'first_name', 'last_name', 'location_id'],
  numbered: locationColumns,
};

export const staffSpec: RosterFileSpec = {
  file: 'staff.csv',
  columns: [
    'person_id',
    'person_number',
    'first_name',
    'middle_name',
    'last_name',
    'email_address',
    'sis_username',
    'location_id',
  ],
  required: ['person_id', 'first_name', 'last_name', 'location_id'],
  numbered: locationColumns,
};

export const coursesSpec: RosterFileSpec = {
  file: 'courses.csv',
  columns: ['course_id', 'course_number', 'course_name', 'location_id'],
  required: ['course_id', 'location_id'],
  numbered: null,
};

/** `class_display_name` comes from newer templates; it is listed last so older files still match. */
export const classesSpec: RosterFileSpec = {
  file: 'classes.csv',
  columns: [
    'class_id',
    'class_number',
    'course_id',
    'instructor_id',
    'instructor_id_2',
    'instructor_id_3',
    'location_id',
    'class_display_name',
  ],
  required: ['class_id', 'course_id', 'location_id'],
  numbered: { prefix: 'instructor_id', from: 4, to: 15 },
};

export const rostersSpec: RosterFileSpec = {
  file: 'rosters.csv',
  columns: ['roster_id', 'class_id', 'student_id'],
  required: ['roster_id', 'class_id', 'student_id'],
  numbered: null,
};

/** Every accepted file, in the order Apple lists its templates, ours last. */
export const rosterFileSpecs: readonly RosterFileSpec[] = [
  locationsSpec,
  studentsSpec,
  staffSpec,
  coursesSpec,
  classesSpec,
  rostersSpec,
  devicesSpec,
];

/**
 * `prefix` and every `prefix_<n>` among the columns, in number order.
 *
 * Reads a person's locations or a class's instructors in the order the numbers give, whatever
 * the column order in the file.
 */
export function seriesColumns(columns: readonly string[], prefix: string): string[] {
  const numbered = columns.flatMap((column) => {
    const n = seriesNumber(prefix, column);
    return n === null ? [] : [{ column, n }];
  });
  return numbered.sort((a, b) => a.n - b.n).map(({ column }) => column);
}

/** 1 for the bare prefix, n for `<prefix>_<n>`, null for other columns. */
function seriesNumber(prefix: string, column: string): number | null {
  if (column === prefix) return 1;
  if (!column.startsWith(`${prefix}_`)) return null;
  const suffix = column.slice(prefix.length + 1);
  return /^[1-9][0-9]*$/.test(suffix) ? Number(suffix) : null;
}

/** True when the file accepts a column of this exact name. */
export function acceptsColumn(spec: RosterFileSpec, column: string): boolean {
  if (spec.columns.includes(column)) return true;
  const { numbered } = spec;
  if (numbered === null) return false;
  const n = seriesNumber(numbered.prefix, column);
  return n !== null && n >= numbered.from && n <= numbered.to;
}

/** The accepted columns as an admin would read them, e.g. "person_id, …, location_id_2 … location_id_999". */
export function describeColumns(spec: RosterFileSpec): string {
  const { numbered } = spec;
  const extra = numbered ? [`${numbered.prefix}_${numbered.from} … ${numbered.prefix}_${numbered.to}`] : [];
  return [...spec.columns, ...extra].join(', ');
}
