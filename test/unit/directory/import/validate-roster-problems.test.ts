import { describe, expect, it } from 'vitest';
import type { ImportProblem, RosterUpload } from '../../../../main/directory/import/roster-types';
import { validateRoster } from '../../../../main/directory/import/validate-roster';
import { lines, smallDistrict } from '../../../fixtures/roster/small-district';

/** The small district with files replaced (or removed, with null). */
function uploadWith(changes: Record<string, string | Uint8Array | null>): RosterUpload {
  const files: RosterUpload = smallDistrict();
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) delete files[name];
    else files[name] = content;
  }
  return files;
}

/** A file of the small district with rows added after its two rows (so from line 4). */
function plus(file: string, ...rows: string[]): Record<string, string> {
  return { [file]: smallDistrict()[file] + lines(...rows) };
}

function problemsOf(upload: RosterUpload): ImportProblem[] {
  const result = validateRoster(upload);
  if (result.ok) expect.fail('the upload was accepted');
  return result.problems;
}

const at = (file: string, line: number | null, message: string): ImportProblem => ({ file, line, message });

interface Case {
  name: string;
  changes: Record<string, string | Uint8Array | null>;
  problems: ImportProblem[];
}

const headerCases: Case[] = [
  {
    name: 'a first line that is data, not the header row',
    changes: { 'students.csv': lines('S-1,1001,Ada,,Lovelace,5,ada@school.example,ada,4,LOC-1') },
    problems: [
      at(
        'students.csv',
        1,
        'The first line must be the header row naming the columns (person_id, person_number, first_name, middle_name, last_name, grade_level, email_address, sis_username, password_policy, location_id, location_id_2 … location_id_999), but none of its values is a column name.',
      ),
    ],
  },
  {
    name: 'a header without a required column',
    changes: { 'locations.csv': lines('location_id', 'LOC-1', 'LOC-2') },
    problems: [at('locations.csv', 1, 'The header row has no "location_name" column. It is required.')],
  },
  {
    name: 'a column name in the wrong case',
    changes: {
      'staff.csv': smallDistrict()['staff.csv']!.replace('person_id', 'Person_ID'),
    },
    problems: [at('staff.csv', 1, 'Column "Person_ID" must be written "person_id": column names must match Apple\'s template exactly.')],
  },
  {
    name: 'an unknown column',
    changes: { 'courses.csv': lines('course_id,course_name,location_id,teacher', 'C-1,Mathematics,LOC-1,T-1', 'C-2,Science,LOC-2,T-2') },
    problems: [at('courses.csv', 1, 'Unknown column "teacher". courses.csv accepts: course_id, course_number, course_name, location_id.')],
  },
  {
    name: 'a numbered column beyond the documented ones',
    changes: { 'classes.csv': lines('class_id,course_id,location_id,instructor_id_16', 'K-1,C-1,LOC-1,T-1') },
    problems: [
      at(
        'classes.csv',
        1,
        'Unknown column "instructor_id_16". classes.csv accepts: class_id, class_number, course_id, instructor_id, instructor_id_2, instructor_id_3, location_id, class_display_name, instructor_id_4 … instructor_id_15.',
      ),
    ],
  },
  {
    name: 'a duplicated column',
    changes: { 'rosters.csv': lines('roster_id,class_id,student_id,class_id', 'R-1,K-1,S-1,K-1') },
    problems: [at('rosters.csv', 1, 'Column "class_id" appears more than once in the header row. Keep one.')],
  },
  {
    name: 'a header with an empty column name',
    changes: { 'locations.csv': lines('location_id,location_name,', 'LOC-1,A,', 'LOC-2,B,') },
    problems: [
      at('locations.csv', 1, 'Column 3 of the header row has no name. Remove the empty column; it is often a stray separator at the end of the line.'),
    ],
  },
  {
    name: 'an empty file',
    changes: { 'rosters.csv': '' },
    problems: [at('rosters.csv', null, 'The file is empty. Its first line must be the header row: roster_id,class_id,student_id.')],
  },
];

const rowShapeCases: Case[] = [
  {
    name: 'too many values, from an unquoted comma',
    changes: plus('students.csv', 'S-3,1003,Ana,,Smith, Jr,5,,,,LOC-1'),
    problems: [
      at('students.csv', 4, 'This row has 11 values but the header has 10 columns. A value that contains a separator must be in double quotes.'),
    ],
  },
  {
    name: 'too few values',
    changes: plus('courses.csv', 'C-3,ART-1,LOC-1'),
    problems: [
      at('courses.csv', 4, 'This row has 3 values but the header has 4 columns. Every row needs a value, even an empty one, for each column.'),
    ],
  },
  {
    name: 'a quoted value that never closes',
    changes: plus('locations.csv', 'LOC-3,"Springfield Middle', 'LOC-4,Other'),
    problems: [
      at(
        'locations.csv',
        4,
        'A quoted value in this row has no closing double quote, so the rest of the file was read as part of it. Add the missing quote.',
      ),
    ],
  },
];

const fieldCases: Case[] = [
  {
    name: 'empty required values',
    changes: plus('students.csv', 'S-3,,,,,,,,,'),
    problems: [
      at('students.csv', 4, 'first_name is required but empty.'),
      at('students.csv', 4, 'last_name is required but empty.'),
      at('students.csv', 4, 'location_id is required but empty.'),
    ],
  },
  {
    name: 'a required value of spaces only',
    changes: plus('staff.csv', 'T-3,,  ,,Hopper,,,LOC-1'),
    problems: [at('staff.csv', 4, 'first_name is required but empty.')],
  },
  {
    name: 'identifiers with characters other than letters, digits and hyphens',
    changes: plus('students.csv', 'S 3,,Ana,,Smith,,,,,LOC_1'),
    problems: [
      at('students.csv', 4, 'person_id "S 3" may contain only letters, digits and hyphens.'),
      at('students.csv', 4, 'location_id "LOC_1" may contain only letters, digits and hyphens.'),
      at('students.csv', 4, 'location_id "LOC_1" is not in locations.csv.'),
    ],
  },
  {
    name: 'a password_policy other than 4, 6, 8 or empty',
    changes: plus('students.csv', 'S-3,,Ana,,Smith,,,,5,LOC-1'),
    problems: [at('students.csv', 4, 'password_policy "5" must be 4, 6, 8 or empty.')],
  },
  {
    name: 'an email address without an @',
    changes: plus('staff.csv', 'T-3,,Ana,,Smith,ana.school.example,,LOC-1'),
    problems: [at('staff.csv', 4, 'email_address "ana.school.example" is not an email address such as name@school.example.')],
  },
];

const uniquenessCases: Case[] = [
  {
    name: 'a location_id used twice',
    changes: plus('locations.csv', 'LOC-1,Other'),
    problems: [at('locations.csv', 4, 'location_id "LOC-1" is already used on line 2.')],
  },
  {
    name: 'a person_id used twice in students.csv',
    changes: plus('students.csv', 'S-1,,Ada,,Again,,,,,LOC-1'),
    problems: [at('students.csv', 4, 'person_id "S-1" is already used on line 2.')],
  },
  {
    name: 'a person_id used in both students.csv and staff.csv',
    changes: plus('staff.csv', 'S-2,,Zoë,,Åberg,,,LOC-2'),
    problems: [at('staff.csv', 4, 'person_id "S-2" is already used in students.csv line 3.')],
  },
  {
    name: 'a course_id used twice',
    changes: plus('courses.csv', 'C-1,ART-1,Art,LOC-1'),
    problems: [at('courses.csv', 4, 'course_id "C-1" is already used on line 2.')],
  },
  {
    name: 'a class_id used twice',
    changes: plus('classes.csv', 'K-2,,C-1,,,,LOC-1'),
    problems: [at('classes.csv', 4, 'class_id "K-2" is already used on line 3.')],
  },
  {
    name: 'a roster_id used twice',
    changes: plus('rosters.csv', 'R-1,K-2,S-1'),
    problems: [at('rosters.csv', 4, 'roster_id "R-1" is already used on line 2.')],
  },
  {
    name: 'a student listed twice in one class',
    changes: plus('rosters.csv', 'R-3,K-1,S-1'),
    problems: [at('rosters.csv', 4, 'student_id "S-1" is already in class_id "K-1" on line 2.')],
  },
  {
    name: 'a serial number used twice, ignoring case',
    changes: plus('devices.csv', 'c02abc12def3,,iPadOS,17.4,,,LOC-1,'),
    problems: [at('devices.csv', 4, 'serial_number "C02ABC12DEF3" is already used on line 2.')],
  },
  {
    name: 'a UDID used twice, ignoring case',
    changes: plus('devices.csv', 'HHHH11112222,,iPadOS,17.4,,00008030-001a2b3c4d5e6f7a,LOC-1,'),
    problems: [at('devices.csv', 4, 'udid "00008030-001a2b3c4d5e6f7a" is already used on line 2.')],
  },
];

const referenceCases: Case[] = [
  {
    name: 'a student at a location missing from locations.csv',
    changes: plus('students.csv', 'S-3,,Ana,,Smith,,,,,LOC-9'),
    problems: [at('students.csv', 4, 'location_id "LOC-9" is not in locations.csv.')],
  },
  {
    name: 'a second location missing from locations.csv',
    changes: {
      'staff.csv': lines('person_id,first_name,last_name,location_id,location_id_2', 'T-1,Grace,Hopper,LOC-1,LOC-7', 'T-2,Alan,Turing,LOC-2,'),
    },
    problems: [at('staff.csv', 2, 'location_id "LOC-7" is not in locations.csv.')],
  },
  {
    name: 'a course, class and device at a missing location',
    changes: {
      ...plus('courses.csv', 'C-3,,,LOC-8'),
      ...plus('classes.csv', 'K-3,,C-1,,,,LOC-8'),
      ...plus('devices.csv', 'HHHH11112222,,iPadOS,17.4,,,LOC-8,'),
    },
    problems: [
      at('classes.csv', 4, 'location_id "LOC-8" is not in locations.csv.'),
      at('courses.csv', 4, 'location_id "LOC-8" is not in locations.csv.'),
      at('devices.csv', 4, 'location_id "LOC-8" is not in locations.csv.'),
    ],
  },
  {
    name: 'a class of a missing course',
    changes: plus('classes.csv', 'K-3,,C-9,T-1,,,LOC-1'),
    problems: [at('classes.csv', 4, 'course_id "C-9" is not in courses.csv.')],
  },
  {
    name: 'an instructor missing from staff.csv',
    changes: plus('classes.csv', 'K-3,,C-1,T-1,,T-9,LOC-1'),
    problems: [at('classes.csv', 4, 'instructor_id "T-9" is not a person_id in staff.csv.')],
  },
  {
    name: 'an instructor who is a student',
    changes: plus('classes.csv', 'K-3,,C-1,S-1,,,LOC-1'),
    problems: [at('classes.csv', 4, 'instructor_id "S-1" is a student; instructors must be person_ids in staff.csv.')],
  },
  {
    name: 'a roster row of a missing class',
    changes: plus('rosters.csv', 'R-3,K-9,S-1'),
    problems: [at('rosters.csv', 4, 'class_id "K-9" is not in classes.csv.')],
  },
  {
    name: 'a roster row of a missing student',
    changes: plus('rosters.csv', 'R-3,K-1,S-9'),
    problems: [at('rosters.csv', 4, 'student_id "S-9" is not a person_id in students.csv.')],
  },
  {
    name: 'a roster row naming a staff member as the student',
    changes: plus('rosters.csv', 'R-3,K-1,T-1'),
    problems: [at('rosters.csv', 4, 'student_id "T-1" is a staff member; student_id must be a person_id in students.csv.')],
  },
  {
    name: 'a device assigned to a missing person',
    changes: plus('devices.csv', 'HHHH11112222,,iPadOS,17.4,,,LOC-1,P-9'),
    problems: [at('devices.csv', 4, 'assigned_person_id "P-9" is not a person_id in students.csv or staff.csv.')],
  },
  {
    name: 'classes without courses.csv in the upload',
    changes: { 'courses.csv': null },
    problems: [at('classes.csv', null, 'classes.csv refers to courses, but courses.csv is not in the upload. Add courses.csv.')],
  },
  {
    name: 'classes with instructors but no staff.csv, and a device of a staff member',
    changes: { 'staff.csv': null },
    problems: [
      at('classes.csv', null, 'classes.csv names instructors, but staff.csv is not in the upload. Add staff.csv.'),
      at('devices.csv', 3, 'assigned_person_id "T-2" is not a person_id in students.csv or staff.csv.'),
    ],
  },
  {
    name: 'rosters without classes.csv and students.csv',
    changes: { 'classes.csv': null, 'students.csv': null, 'devices.csv': null },
    problems: [
      at('rosters.csv', null, 'rosters.csv refers to classes, but classes.csv is not in the upload. Add classes.csv.'),
      at('rosters.csv', null, 'rosters.csv refers to students, but students.csv is not in the upload. Add students.csv.'),
    ],
  },
  {
    name: 'assigned devices without students.csv or staff.csv',
    changes: { 'students.csv': null, 'staff.csv': null, 'classes.csv': null, 'rosters.csv': null },
    problems: [
      at(
        'devices.csv',
        null,
        'devices.csv assigns devices to people, but neither students.csv nor staff.csv is in the upload. Add them, or leave assigned_person_id empty.',
      ),
    ],
  },
];

const deviceCases: Case[] = [
  {
    name: 'an unknown platform',
    changes: plus('devices.csv', 'HHHH11112222,,Android,14,,,LOC-1,'),
    problems: [at('devices.csv', 4, 'platform "Android" must be iOS, iPadOS, macOS or tvOS.')],
  },
  {
    name: 'an OS version that is not dotted numbers',
    changes: plus('devices.csv', 'HHHH11112222,,iOS,17.x,,,LOC-1,', 'JJJJ11112222,,iOS,17.4.1.2,,,LOC-1,'),
    problems: [
      at('devices.csv', 4, 'os_version "17.x" must be numbers separated by dots, such as 17.4 or 10.9.5.'),
      at('devices.csv', 5, 'os_version "17.4.1.2" must be numbers separated by dots, such as 17.4 or 10.9.5.'),
    ],
  },
  {
    name: 'a supervised value that is not a yes or a no',
    changes: plus('devices.csv', 'HHHH11112222,,iOS,17.4,maybe,,LOC-1,'),
    problems: [at('devices.csv', 4, 'supervised "maybe" must be true, false, yes, no, 1, 0 or empty.')],
  },
  {
    name: 'serial numbers too short or with other characters',
    changes: plus('devices.csv', 'ABC123,,iOS,17.4,,,LOC-1,', 'ABCD-1234567,,iOS,17.4,,,LOC-1,', 'ABCDEFGHIJ12345678901,,iOS,17.4,,,LOC-1,'),
    problems: [
      at('devices.csv', 4, 'serial_number "ABC123" must be 8 to 20 letters and digits.'),
      at('devices.csv', 5, 'serial_number "ABCD-1234567" must be 8 to 20 letters and digits.'),
      at('devices.csv', 6, 'serial_number "ABCDEFGHIJ12345678901" must be 8 to 20 letters and digits.'),
    ],
  },
  {
    name: 'a UDID with other characters',
    changes: plus('devices.csv', 'HHHH11112222,,iOS,17.4,,{1234},LOC-1,'),
    problems: [at('devices.csv', 4, 'udid "{1234}" may contain only letters, digits and hyphens.')],
  },
];

const latin1Students = Uint8Array.from([
  ...new TextEncoder().encode(smallDistrict()['students.csv']!.split('\n').slice(0, 2).join('\n') + '\nS-2,1002,Jos'),
  0xe9,
  ...new TextEncoder().encode(',,Garcia,9,,jose,,LOC-2\n'),
]);

const fileCases: Case[] = [
  {
    name: 'a file that is not UTF-8',
    changes: { 'students.csv': latin1Students },
    problems: [at('students.csv', 3, 'This line is not UTF-8 text. Save the file as "CSV UTF-8" and upload it again.')],
  },
  {
    name: 'an unknown file name',
    changes: { 'grades.csv': lines('person_id,grade', 'S-1,A') },
    problems: [
      at(
        'grades.csv',
        null,
        'This is not a roster file, so it was not read. Accepted file names: locations.csv, students.csv, staff.csv, courses.csv, classes.csv, rosters.csv, devices.csv.',
      ),
    ],
  },
  {
    name: 'no locations.csv',
    changes: { 'locations.csv': null },
    problems: [at('locations.csv', null, 'locations.csv is missing. Every upload needs it, because the other files refer to its locations.')],
  },
  {
    name: 'the same file twice, in different case',
    changes: { 'Students.CSV': smallDistrict()['students.csv']! },
    problems: [at('students.csv', null, 'This file was given more than once ("students.csv", "Students.CSV"). Upload it once.')],
  },
];

describe('problems in a roster upload', () => {
  describe.each([
    ['header', headerCases],
    ['row shape', rowShapeCases],
    ['value', fieldCases],
    ['uniqueness', uniquenessCases],
    ['reference', referenceCases],
    ['device', deviceCases],
    ['file', fileCases],
  ])('%s problems', (_kind, cases) => {
    it.each(cases)('reports $name', ({ changes, problems }) => {
      expect(problemsOf(uploadWith(changes))).toEqual(problems);
    });
  });

  it('counts physical lines after values that span lines', () => {
    const changes = plus(
      'students.csv',
      'S-3,,Ana,"Maria\nJosé",Smith,,,,,LOC-1',
      'S-4,,Ben,"Line\\\nBreak",Smith,,,,9,LOC-1',
      'S-5,,Cy,,Smith,,not-an-email,,,LOC-1',
    );
    expect(problemsOf(uploadWith(changes))).toEqual([
      at('students.csv', 6, 'password_policy "9" must be 4, 6, 8 or empty.'),
      at('students.csv', 8, 'email_address "not-an-email" is not an email address such as name@school.example.'),
    ]);
  });

  it('reports every problem of every file, sorted by file and line', () => {
    const files = smallDistrict();
    const upload = uploadWith({
      'notes.txt': 'hello',
      'students.csv': files['students.csv']!.replace('Zoë,,Åberg,9,,zoe,,LOC-2', 'Zoë,,Åberg,9,,zoe,,LOC-5'),
      'locations.csv': files['locations.csv'] + lines('LOC-1,Duplicate'),
      'devices.csv': files['devices.csv']!.replace(',macOS,', ',Windows,'),
      'classes.csv': files['classes.csv']!.replace('K-1,MATH-1-1,C-1', 'K-1,MATH-1-1,C-7'),
    });
    expect(problemsOf(upload)).toEqual([
      at('classes.csv', 2, 'course_id "C-7" is not in courses.csv.'),
      at('devices.csv', 3, 'platform "Windows" must be iOS, iPadOS, macOS or tvOS.'),
      at('locations.csv', 4, 'location_id "LOC-1" is already used on line 2.'),
      at(
        'notes.txt',
        null,
        'This is not a roster file, so it was not read. Accepted file names: locations.csv, students.csv, staff.csv, courses.csv, classes.csv, rosters.csv, devices.csv.',
      ),
      at('students.csv', 3, 'location_id "LOC-5" is not in locations.csv.'),
    ]);
  });

  it('reports every problem, however many', () => {
    const rows = Array.from({ length: 2500 }, (_, index) => `S-${index + 3},,Ana,,Smith,,bad-email-${index},,,LOC-1`);
    const problems = problemsOf(uploadWith(plus('students.csv', ...rows)));
    expect(problems).toHaveLength(2500);
    expect(problems.at(-1)).toEqual(at('students.csv', 2503, 'email_address "bad-email-2499" is not an email address such as name@school.example.'));
  });
});
