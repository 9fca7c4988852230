import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Roster, RosterUpload } from '../../../../main/directory/import/roster-types';
import { validateRoster } from '../../../../main/directory/import/validate-roster';
import { generateDistrict, writeDistrictFiles } from '../../../../main/demo/sample-district';

function validRoster(upload: RosterUpload): Roster {
  const result = validateRoster(upload);
  if (!result.ok) expect.fail(JSON.stringify(result.problems.slice(0, 10), null, 2));
  return result.roster;
}

/** Rows of a generated file: its lines without the header (the generator writes no multi-line values). */
function rowCount(text: string): number {
  return text.split(/\r?\n/).filter((line) => line !== '').length - 1;
}

describe('the generated district', () => {
  it('validates without problems, with as many records as it wrote', () => {
    const files = generateDistrict();
    const roster = validRoster(files);
    expect(roster.locations.map((location) => location.name)).toEqual(['Springfield Elementary', 'Springfield Middle', 'Springfield High']);
    expect(roster.students).toHaveLength(300);
    expect(roster.staff).toHaveLength(40);
    expect(roster.devices).toHaveLength(100);
    expect(roster.courses).toHaveLength(rowCount(files['courses.csv']!));
    expect(roster.classes).toHaveLength(rowCount(files['classes.csv']!));
    expect(roster.rosters).toHaveLength(rowCount(files['rosters.csv']!));
    expect(roster.rosters.length).toBeGreaterThan(roster.students.length);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(generateDistrict({ seed: 7 })).toEqual(generateDistrict({ seed: 7 }));
    expect(generateDistrict({ seed: 7 })['devices.csv']).not.toEqual(generateDistrict({ seed: 8 })['devices.csv']);
  });

  it('has the variety a real district has', () => {
    const files = generateDistrict();
    const roster = validRoster(files);
    const names = roster.students.map((person) => person.firstName);
    expect(names).toEqual(expect.arrayContaining(['José', 'Zoë', 'Søren', 'Chloé', '芳']));
    expect(roster.students.some((person) => person.locationIds.length === 2)).toBe(true);
    expect(roster.classes.every((each) => each.instructorIds.length >= 1 && each.instructorIds.length <= 2)).toBe(true);
    expect(roster.classes.some((each) => each.instructorIds.length === 2)).toBe(true);
    expect(roster.courses.map((course) => course.courseName)).toContain('Art, Design and Media');
    expect(files['courses.csv']).toContain('"Art, Design and Media"');
    expect(files['courses.csv']).toContain('"Reading \\"Hamlet\\""');

    const platforms = new Map<string, number>();
    for (const device of roster.devices) platforms.set(device.platform, (platforms.get(device.platform) ?? 0) + 1);
    expect(platforms.get('iPadOS')).toBeGreaterThan(roster.devices.length / 2);
    expect(platforms.get('tvOS')).toBeGreaterThanOrEqual(2);
    expect(platforms.get('iOS')).toBeGreaterThan(0);
    expect(platforms.get('macOS')).toBeGreaterThan(0);
    expect(roster.devices.some((device) => device.supervised)).toBe(true);
    expect(roster.devices.some((device) => !device.supervised)).toBe(true);
    expect(roster.devices.filter((device) => device.assignedPersonId !== null).length).toBeGreaterThan(roster.devices.length / 2);
    expect(roster.devices.some((device) => device.udid === null)).toBe(true);
  });

  it('includes devices too old for managed distribution, reported as warnings', () => {
    const result = validateRoster(generateDistrict());
    expect(result.ok && result.warnings.map((warning) => warning.message)).toEqual([
      'This device runs iOS 6.1.3; managed distribution needs iOS 7 or later, so it will need redemption codes.',
      'This device runs macOS 10.8.5; managed distribution needs OS X 10.9 or later, so it will need redemption codes.',
      'This device runs iPadOS 6.1.3; managed distribution needs iOS 7 or later, so it will need redemption codes.',
    ]);
  });

  it('writes students.csv the way Windows Excel does: BOM and CRLF', () => {
    const students = generateDistrict()['students.csv']!;
    expect(students.startsWith('\uFEFFperson_id,')).toBe(true);
    expect(students.split('\n').slice(0, -1).every((line) => line.endsWith('\r'))).toBe(true);
  });

  it('scales to the sizes asked for', () => {
    const roster = validRoster(generateDistrict({ seed: 3, locations: 20, students: 2000, staff: 150, devices: 500 }));
    expect(roster.locations).toHaveLength(20);
    expect(new Set(roster.locations.map((location) => location.name)).size).toBe(20);
    expect(roster.students).toHaveLength(2000);
    expect(roster.staff).toHaveLength(150);
    expect(roster.devices).toHaveLength(500);
  });
});

describe('writing the district to a folder', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one UTF-8 file per roster file, which read back as the same valid upload', () => {
    dir = mkdtempSync(join(tmpdir(), 'district-'));
    const files = generateDistrict({ seed: 5 });
    const paths = writeDistrictFiles(join(dir, 'upload'), files);
    expect(readdirSync(join(dir, 'upload')).sort()).toEqual(Object.keys(files).sort());
    const fromDisk = Object.fromEntries(paths.map((path) => [basename(path), new Uint8Array(readFileSync(path))]));
    expect(validRoster(fromDisk)).toEqual(validRoster(files));
  });
});
