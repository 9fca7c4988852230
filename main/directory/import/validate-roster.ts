/**
 * Validates an Apple School Manager roster upload plus devices.csv, and reads it into records.
 *
 * Pure: bytes in, records or problems out. Every problem of every file is reported, sorted by
 * file and line, and an upload with any problem yields no roster, so an import either takes the
 * whole upload or changes nothing.
 */
import { readDevice } from './device-records';
import { ImportReport, sortByFileAndLine } from './import-report';
import { devicesSpec } from './devices-file-spec';
import { classesSpec, coursesSpec, locationsSpec, rostersSpec, staffSpec, studentsSpec } from './roster-file-specs';
import type { RosterFileSpec } from './roster-file-specs';
import { recordsOf } from './roster-reads';
import type { FileRead, RosterReads } from './roster-reads';
import { readClass, readCourse, readEnrollment, readLocation, readStaffMember, readStudent } from './roster-records';
import { checkReferences } from './roster-references';
import { readRosterTable } from './roster-table';
import type { RosterUpload, RosterValidation } from './roster-types';
import { readRecords } from './row-fields';
import type { RowFields } from './row-fields';
import { checkUniqueIds } from './unique-ids';
import { resolveUploadFiles } from './upload-files';
import type { UploadFiles } from './upload-files';

export function validateRoster(files: RosterUpload): RosterValidation {
  const report = new ImportReport();
  const upload = resolveUploadFiles(files, report);
  const read = <T>(spec: RosterFileSpec, readRow: (fields: RowFields) => T) => readFile(upload, spec, readRow, report);
  const reads: RosterReads = {
    locations: read(locationsSpec, readLocation),
    students: read(studentsSpec, readStudent),
    staff: read(staffSpec, readStaffMember),
    courses: read(coursesSpec, readCourse),
    classes: read(classesSpec, readClass),
    rosters: read(rostersSpec, readEnrollment),
    devices: read(devicesSpec, readDevice),
  };
  checkUniqueIds(reads, report);
  checkReferences(reads, report);
  if (report.problems.length > 0) return { ok: false, problems: sortByFileAndLine(report.problems) };
  return {
    ok: true,
    roster: {
      locations: recordsOf(reads.locations),
      students: recordsOf(reads.students),
      staff: recordsOf(reads.staff),
      courses: recordsOf(reads.courses),
      classes: recordsOf(reads.classes),
      rosters: recordsOf(reads.rosters),
      devices: recordsOf(reads.devices),
    },
    warnings: sortByFileAndLine(report.warnings),
  };
}

function readFile<T>(
  upload: UploadFiles,
  spec: RosterFileSpec,
  readRow: (fields: RowFields) => T,
  report: ImportReport,
): FileRead<T> {
  const content = upload.get(spec.file);
  if (content === undefined) return { kind: 'absent' };
  const table = content === null ? null : readRosterTable(spec, content, report);
  if (table === null) return { kind: 'unreadable' };
  return { kind: 'read', records: readRecords(spec, table, report, readRow) };
}
