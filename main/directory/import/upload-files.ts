/**
 * Matches the uploaded files to the roster files we read, by base name and ignoring case.
 *
 * Windows and spreadsheet exports often change the case of a name (Students.CSV), and a
 * picker may hand us full paths, so only the lower-cased base name counts.
 */
import type { ImportReport } from './import-report';
import { rosterFileSpecs } from './roster-file-specs';
import type { RosterFileName } from './roster-file-specs';
import type { RosterUpload } from './roster-types';

/** Roster file → its content, or null when it was given more than once and cannot be told apart. */
export type UploadFiles = Map<RosterFileName, Uint8Array | string | null>;

const ACCEPTED = rosterFileSpecs.map((spec) => spec.file);

/** Sorts the upload into roster files, reporting unknown names, repeats and a missing locations.csv. */
export function resolveUploadFiles(upload: RosterUpload, report: ImportReport): UploadFiles {
  const givenAs = new Map<RosterFileName, string[]>();
  for (const name of Object.keys(upload)) {
    const file = ACCEPTED.find((accepted) => accepted === baseName(name).toLowerCase());
    if (file === undefined) {
      report.problem(name, null, `This is not a roster file, so it was not read. Accepted file names: ${ACCEPTED.join(', ')}.`);
    } else {
      givenAs.set(file, [...(givenAs.get(file) ?? []), name]);
    }
  }
  const files: UploadFiles = new Map();
  for (const [file, names] of givenAs) {
    const [only, ...others] = names;
    if (only !== undefined && others.length === 0) {
      files.set(file, upload[only] ?? null);
    } else {
      const list = names.map((name) => `"${name}"`).join(', ');
      report.problem(file, null, `This file was given more than once (${list}). Upload it once.`);
      files.set(file, null);
    }
  }
  if (!files.has('locations.csv')) {
    report.problem('locations.csv', null, 'locations.csv is missing. Every upload needs it, because the other files refer to its locations.');
  }
  return files;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
