/**
 * Reports every reference that does not find its target in the upload.
 *
 * A reference into a file that was not uploaded is one file-level problem for the referring
 * file, not one per row; a reference into an unreadable file is not checked (see roster-reads).
 */
import type { ImportReport } from './import-report';
import { recordsOf } from './roster-reads';
import type { FileRead, RosterReads } from './roster-reads';
import type { RosterPerson } from './roster-types';

/** The ids a reference may match; unknown when a file holding them is unreadable. */
type KeySpace = { kind: 'absent' } | { kind: 'unknown' } | { kind: 'known'; keys: Set<string> };

/**
 * One value that must match a key of another file.
 *
 * Numbered columns (`location_id_2`, `instructor_id_3`) are named by their base column in
 * messages: the quoted value is enough to find the cell.
 */
interface Reference {
  line: number;
  value: string;
}

interface Target {
  keys: KeySpace;
  /** File-level problem when the target file was not uploaded; null when reported elsewhere. */
  absent: string | null;
  unmatched: (value: string) => string;
}

export function checkReferences(reads: RosterReads, report: ImportReport): void {
  const studentIds = keysOf([reads.students], (row) => row.personId);
  const staffIds = keysOf([reads.staff], (row) => row.personId);
  const isIn = (space: KeySpace, value: string) => space.kind === 'known' && space.keys.has(value);
  const check = (file: string, references: Reference[], target: Target) => checkTarget(report, file, references, target);

  const locations: Target = {
    keys: keysOf([reads.locations], (row) => row.locationId),
    // validateRoster reports a missing locations.csv itself.
    absent: null,
    unmatched: (value) => `location_id "${value}" is not in locations.csv.`,
  };
  const atLocation = ({ line, locationId }: { line: number; locationId: string }) => ({ line, value: locationId });
  const atLocations = ({ line, locationIds }: RosterPerson) => locationIds.map((value) => ({ line, value }));
  check('students.csv', recordsOf(reads.students).flatMap(atLocations), locations);
  check('staff.csv', recordsOf(reads.staff).flatMap(atLocations), locations);
  check('courses.csv', recordsOf(reads.courses).map(atLocation), locations);
  check('classes.csv', recordsOf(reads.classes).map(atLocation), locations);
  check('devices.csv', recordsOf(reads.devices).map(atLocation), locations);

  const classes = recordsOf(reads.classes);
  check('classes.csv', classes.map(({ line, courseId }) => ({ line, value: courseId })), {
    keys: keysOf([reads.courses], (row) => row.courseId),
    absent: 'classes.csv refers to courses, but courses.csv is not in the upload. Add courses.csv.',
    unmatched: (value) => `course_id "${value}" is not in courses.csv.`,
  });
  check('classes.csv', classes.flatMap(({ line, instructorIds }) => instructorIds.map((value) => ({ line, value }))), {
    keys: staffIds,
    absent: 'classes.csv names instructors, but staff.csv is not in the upload. Add staff.csv.',
    unmatched: (value) =>
      isIn(studentIds, value)
        ? `instructor_id "${value}" is a student; instructors must be person_ids in staff.csv.`
        : `instructor_id "${value}" is not a person_id in staff.csv.`,
  });

  const enrollments = recordsOf(reads.rosters);
  check('rosters.csv', enrollments.map(({ line, classId }) => ({ line, value: classId })), {
    keys: keysOf([reads.classes], (row) => row.classId),
    absent: 'rosters.csv refers to classes, but classes.csv is not in the upload. Add classes.csv.',
    unmatched: (value) => `class_id "${value}" is not in classes.csv.`,
  });
  check('rosters.csv', enrollments.map(({ line, studentId }) => ({ line, value: studentId })), {
    keys: studentIds,
    absent: 'rosters.csv refers to students, but students.csv is not in the upload. Add students.csv.',
    unmatched: (value) =>
      isIn(staffIds, value)
        ? `student_id "${value}" is a staff member; student_id must be a person_id in students.csv.`
        : `student_id "${value}" is not a person_id in students.csv.`,
  });

  const assignments = recordsOf(reads.devices).flatMap(({ line, assignedPersonId }) =>
    assignedPersonId === null ? [] : [{ line, value: assignedPersonId }],
  );
  check('devices.csv', assignments, {
    keys: keysOf([reads.students, reads.staff], (row) => row.personId),
    absent:
      'devices.csv assigns devices to people, but neither students.csv nor staff.csv is in the upload. Add them, or leave assigned_person_id empty.',
    unmatched: (value) => `assigned_person_id "${value}" is not a person_id in students.csv or staff.csv.`,
  });
}

function checkTarget(report: ImportReport, file: string, references: Reference[], target: Target): void {
  const given = references.filter((reference) => reference.value !== '');
  if (given.length === 0 || target.keys.kind === 'unknown') return;
  if (target.keys.kind === 'absent') {
    if (target.absent !== null) report.problem(file, null, target.absent);
    return;
  }
  const { keys } = target.keys;
  for (const reference of given) {
    if (!keys.has(reference.value)) report.problem(file, reference.line, target.unmatched(reference.value));
  }
}

/** The keys of the read files; absent only when none was given, unknown when one is unreadable. */
function keysOf<T>(reads: FileRead<T>[], keyOf: (record: T) => string): KeySpace {
  if (reads.some((read) => read.kind === 'unreadable')) return { kind: 'unknown' };
  if (reads.every((read) => read.kind === 'absent')) return { kind: 'absent' };
  return { kind: 'known', keys: new Set(reads.flatMap((read) => recordsOf(read).map(keyOf))) };
}
