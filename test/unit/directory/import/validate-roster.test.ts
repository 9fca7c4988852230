import { describe, expect, it } from 'vitest';
import type { Roster, RosterUpload } from '../../../../main/directory/import/roster-types';
import { validateRoster } from '../../../../main/directory/import/validate-roster';
import { lines, smallDistrict } from '../../../fixtures/roster/small-district';

function validRoster(upload: RosterUpload): Roster {
  const result = validateRoster(upload);
  if (!result.ok) expect.fail(JSON.stringify(result.problems, null, 2));
  return result.roster;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('reading a valid roster upload', () => {
  it('reads every file of a small district into records with their lines', () => {
    const result = validateRoster(smallDistrict());
    expect(result).toEqual({
      ok: true,
      warnings: [],
      roster: {
        locations: [
          { locationId: 'LOC-1', name: 'Springfield Elementary', line: 2 },
          { locationId: 'LOC-2', name: 'Springfield High', line: 3 },
        ],
        students: [
          {
            personId: 'S-1',
            personNumber: '1001',
            firstName: 'Ada',
            middleName: null,
            lastName: 'Lovelace',
            gradeLevel: '5',
            email: 'ada@school.example',
            sisUsername: 'ada',
            passwordPolicy: 4,
            locationIds: ['LOC-1'],
            line: 2,
          },
          {
            personId: 'S-2',
            personNumber: '1002',
            firstName: 'Zoë',
            middleName: null,
            lastName: 'Åberg',
            gradeLevel: '9',
            email: null,
            sisUsername: 'zoe',
            passwordPolicy: null,
            locationIds: ['LOC-2'],
            line: 3,
          },
        ],
        staff: [
          {
            personId: 'T-1',
            personNumber: null,
            firstName: 'Grace',
            middleName: null,
            lastName: 'Hopper',
            gradeLevel: null,
            email: 'grace@school.example',
            sisUsername: 'ghopper',
            passwordPolicy: null,
            locationIds: ['LOC-1'],
            line: 2,
          },
          {
            personId: 'T-2',
            personNumber: null,
            firstName: 'Alan',
            middleName: null,
            lastName: 'Turing',
            gradeLevel: null,
            email: null,
            sisUsername: null,
            passwordPolicy: null,
            locationIds: ['LOC-2'],
            line: 3,
          },
        ],
        courses: [
          { courseId: 'C-1', courseNumber: 'MATH-1', courseName: 'Mathematics', locationId: 'LOC-1', line: 2 },
          { courseId: 'C-2', courseNumber: 'SCI-1', courseName: 'Science', locationId: 'LOC-2', line: 3 },
        ],
        classes: [
          { classId: 'K-1', classNumber: 'MATH-1-1', displayName: null, courseId: 'C-1', instructorIds: ['T-1'], locationId: 'LOC-1', line: 2 },
          { classId: 'K-2', classNumber: 'SCI-1-1', displayName: null, courseId: 'C-2', instructorIds: ['T-2', 'T-1'], locationId: 'LOC-2', line: 3 },
        ],
        rosters: [
          { rosterId: 'R-1', classId: 'K-1', studentId: 'S-1', line: 2 },
          { rosterId: 'R-2', classId: 'K-2', studentId: 'S-2', line: 3 },
        ],
        devices: [
          {
            serialNumber: 'C02ABC12DEF3',
            name: "Ada's iPad",
            platform: 'iPadOS',
            osVersion: '17.4',
            supervised: true,
            udid: '00008030-001A2B3C4D5E6F7A',
            locationId: 'LOC-1',
            assignedPersonId: 'S-1',
            line: 2,
          },
          {
            serialNumber: 'DMPXYZ123456',
            name: null,
            platform: 'macOS',
            osVersion: '14.4.1',
            supervised: false,
            udid: null,
            locationId: 'LOC-2',
            assignedPersonId: 'T-2',
            line: 3,
          },
        ],
      },
    });
  });

  it('accepts an upload of locations.csv and students.csv only', () => {
    const { 'locations.csv': locations, 'students.csv': students } = smallDistrict();
    const roster = validRoster({ 'locations.csv': locations!, 'students.csv': students! });
    expect(roster.students.map((person) => person.personId)).toEqual(['S-1', 'S-2']);
    expect(roster.classes).toEqual([]);
  });

  it('matches file names ignoring case and folders', () => {
    const files = smallDistrict();
    const roster = validRoster({
      'C:\\exports\\Locations.CSV': files['locations.csv']!,
      '/Users/admin/Downloads/STAFF.csv': files['staff.csv']!,
    });
    expect(roster.staff).toHaveLength(2);
  });

  it('reads a Windows Excel file: bytes with a BOM and CRLF line endings', () => {
    const text = '\uFEFFlocation_id,location_name\r\nLOC-1,"École Saint-Exupéry"\r\nLOC-2,"中央小学"\r\n\r\n';
    const roster = validRoster({ 'locations.csv': utf8(text) });
    expect(roster.locations).toEqual([
      { locationId: 'LOC-1', name: 'École Saint-Exupéry', line: 2 },
      { locationId: 'LOC-2', name: '中央小学', line: 3 },
    ]);
  });

  it('reads a semicolon-separated file', () => {
    const roster = validRoster({
      'locations.csv': lines('location_id;location_name', 'LOC-1;"Springfield, North Campus"'),
    });
    expect(roster.locations[0]?.name).toBe('Springfield, North Campus');
  });

  it('reads quotes escaped the Apple way and the spreadsheet way, next to commas', () => {
    const roster = validRoster({
      'locations.csv': lines(
        'location_id,location_name',
        'LOC-1,"The \\"Annex\\", Building B"',
        'LOC-2,"The ""Annex"", Building C"',
      ),
    });
    expect(roster.locations.map((location) => location.name)).toEqual(['The "Annex", Building B', 'The "Annex", Building C']);
  });

  it('keeps accented and CJK names from UTF-8 bytes', () => {
    const files = smallDistrict();
    const roster = validRoster({
      'locations.csv': files['locations.csv']!,
      'students.csv': utf8(
        lines(
          'person_id,first_name,last_name,location_id',
          'S-1,José,Núñez,LOC-1',
          'S-2,Zoë,Müller,LOC-1',
          'S-3,Søren,Kierkegård,LOC-1',
          'S-4,Chloé,Ñandú,LOC-2',
          'S-5,芳,王,LOC-2',
        ),
      ),
    });
    expect(roster.students.map((person) => `${person.firstName} ${person.lastName}`)).toEqual([
      'José Núñez',
      'Zoë Müller',
      'Søren Kierkegård',
      'Chloé Ñandú',
      '芳 王',
    ]);
  });

  it('matches columns by name whatever their order, and leaves optional columns out', () => {
    const files = smallDistrict();
    const roster = validRoster({
      'locations.csv': lines('location_name,location_id', '"Springfield Elementary",LOC-1'),
      'students.csv': lines('location_id,last_name,person_id,first_name', 'LOC-1,Lovelace,S-1,Ada'),
      'courses.csv': files['courses.csv']!.replace(/,LOC-2$/m, ',LOC-1'),
    });
    expect(roster.locations).toEqual([{ locationId: 'LOC-1', name: 'Springfield Elementary', line: 2 }]);
    expect(roster.students[0]).toMatchObject({ personId: 'S-1', firstName: 'Ada', lastName: 'Lovelace', email: null, locationIds: ['LOC-1'] });
  });

  it('reads the optional extra columns: more locations, more instructors, a display name', () => {
    const files = smallDistrict();
    const roster = validRoster({
      ...files,
      'locations.csv': lines('location_id,location_name', 'LOC-1,A', 'LOC-2,B', 'LOC-3,C', 'LOC-999,Z'),
      'staff.csv': lines(
        'person_id,first_name,last_name,location_id_999,location_id,location_id_3,location_id_2',
        'T-1,Grace,Hopper,LOC-999,LOC-1,LOC-3,',
        'T-2,Alan,Turing,,LOC-2,,',
        ...Array.from({ length: 13 }, (_, index) => `T-${index + 3},Staff,${index + 3},,LOC-1,,`),
      ),
      'classes.csv': lines(
        'class_id,course_id,location_id,instructor_id_15,instructor_id,instructor_id_4,class_display_name',
        'K-1,C-1,LOC-1,T-15,T-1,T-4,"Math, 3rd period"',
        'K-2,C-2,LOC-2,,T-2,,',
      ),
    });
    expect(roster.staff[0]?.locationIds).toEqual(['LOC-1', 'LOC-3', 'LOC-999']);
    expect(roster.classes).toMatchObject([
      { classId: 'K-1', displayName: 'Math, 3rd period', instructorIds: ['T-1', 'T-4', 'T-15'] },
      { classId: 'K-2', displayName: null, instructorIds: ['T-2'] },
    ]);
  });

  it('reads devices in the spellings spreadsheets produce', () => {
    const files = smallDistrict();
    const roster = validRoster({
      'locations.csv': files['locations.csv']!,
      'devices.csv': lines(
        'serial_number,platform,os_version,supervised,location_id',
        'c02abc12def3,ipados,17.4,YES,LOC-1',
        'DMPXYZ123456,MACOS,14,0,LOC-1',
        'F9FXYZ123456789ABCDE,TvOs,17.4.1,,LOC-2',
        'GG7ABCDE,iOS,18.0,True,LOC-2',
      ),
    });
    expect(roster.devices.map(({ serialNumber, platform, osVersion, supervised }) => ({ serialNumber, platform, osVersion, supervised }))).toEqual([
      { serialNumber: 'C02ABC12DEF3', platform: 'iPadOS', osVersion: '17.4', supervised: true },
      { serialNumber: 'DMPXYZ123456', platform: 'macOS', osVersion: '14', supervised: false },
      { serialNumber: 'F9FXYZ123456789ABCDE', platform: 'tvOS', osVersion: '17.4.1', supervised: false },
      { serialNumber: 'GG7ABCDE', platform: 'iOS', osVersion: '18.0', supervised: true },
    ]);
  });
});

describe('warnings on a valid upload', () => {
  it('warns about devices too old for managed distribution, which need redemption codes', () => {
    const files = smallDistrict();
    const result = validateRoster({
      'locations.csv': files['locations.csv']!,
      'devices.csv': lines(
        'serial_number,platform,os_version,location_id',
        'AAAA11112222,iOS,6.1.3,LOC-1',
        'BBBB11112222,iOS,7.0,LOC-1',
        'CCCC11112222,macOS,10.8.5,LOC-1',
        'DDDD11112222,macOS,10.9,LOC-1',
        'EEEE11112222,iPadOS,6.1,LOC-1',
        'FFFF11112222,tvOS,6.0,LOC-1',
      ),
    });
    expect(result).toMatchObject({
      ok: true,
      warnings: [
        { file: 'devices.csv', line: 2, message: 'This device runs iOS 6.1.3; managed distribution needs iOS 7 or later, so it will need redemption codes.' },
        { file: 'devices.csv', line: 4, message: 'This device runs macOS 10.8.5; managed distribution needs OS X 10.9 or later, so it will need redemption codes.' },
        { file: 'devices.csv', line: 6, message: 'This device runs iPadOS 6.1; managed distribution needs iOS 7 or later, so it will need redemption codes.' },
      ],
    });
  });

  it('counts a location listed twice for one person once, and says so', () => {
    const files = smallDistrict();
    const result = validateRoster({
      'locations.csv': files['locations.csv']!,
      'students.csv': lines('person_id,first_name,last_name,location_id,location_id_2', 'S-1,Ada,Lovelace,LOC-1,LOC-1'),
    });
    expect(result).toMatchObject({
      ok: true,
      roster: { students: [{ locationIds: ['LOC-1'] }] },
      warnings: [
        { file: 'students.csv', line: 2, message: 'location_id_2 "LOC-1" repeats an earlier location_id of this row; it is counted once.' },
      ],
    });
  });
});
