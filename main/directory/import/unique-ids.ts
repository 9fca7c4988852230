/**
 * Reports every id used a second time, pointing at the line that used it first.
 *
 * person_id is unique across students.csv and staff.csv together, serial numbers and UDIDs
 * ignoring case (serials are already upper case), and a student appears in a class once.
 */
import type { ImportReport } from './import-report';
import { recordsOf } from './roster-reads';
import type { RosterReads } from './roster-reads';

export function checkUniqueIds(reads: RosterReads, report: ImportReport): void {
  const unique = (file: string) => new FirstUse(file, report);
  const locations = unique('locations.csv');
  for (const row of recordsOf(reads.locations)) locations.claim(row.line, 'location_id', row.locationId);

  const people = new Map<string, Place>();
  for (const [file, read] of [['students.csv', reads.students], ['staff.csv', reads.staff]] as const) {
    const persons = new FirstUse(file, report, people);
    for (const row of recordsOf(read)) persons.claim(row.line, 'person_id', row.personId);
  }

  const courses = unique('courses.csv');
  for (const row of recordsOf(reads.courses)) courses.claim(row.line, 'course_id', row.courseId);

  const classes = unique('classes.csv');
  for (const row of recordsOf(reads.classes)) classes.claim(row.line, 'class_id', row.classId);

  const rosterIds = unique('rosters.csv');
  const enrollments = new Map<string, number>();
  for (const row of recordsOf(reads.rosters)) {
    rosterIds.claim(row.line, 'roster_id', row.rosterId);
    if (row.classId === '' || row.studentId === '') continue;
    const pair = `${row.classId}\n${row.studentId}`;
    const earlier = enrollments.get(pair);
    if (earlier === undefined) enrollments.set(pair, row.line);
    else report.problem('rosters.csv', row.line, `student_id "${row.studentId}" is already in class_id "${row.classId}" on line ${earlier}.`);
  }

  const serials = unique('devices.csv');
  const udids = unique('devices.csv');
  for (const row of recordsOf(reads.devices)) {
    serials.claim(row.line, 'serial_number', row.serialNumber);
    if (row.udid !== null) udids.claim(row.line, 'udid', row.udid, row.udid.toLowerCase());
  }
}

interface Place {
  file: string;
  line: number;
}

/** Remembers where each id was first used and reports every later use. */
class FirstUse {
  constructor(
    private readonly file: string,
    private readonly report: ImportReport,
    private readonly firsts = new Map<string, Place>(),
  ) {}

  /** Records `value` of `column` at `line`; `key` is what makes two values the same. Empty values are skipped. */
  claim(line: number, column: string, value: string, key = value): void {
    if (key === '') return;
    const earlier = this.firsts.get(key);
    if (earlier === undefined) {
      this.firsts.set(key, { file: this.file, line });
      return;
    }
    const where = earlier.file === this.file ? `on line ${earlier.line}` : `in ${earlier.file} line ${earlier.line}`;
    this.report.problem(this.file, line, `${column} "${value}" is already used ${where}.`);
  }
}
