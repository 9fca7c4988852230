/**
 * Reads one roster file into rows keyed by column name, checking its header and row widths.
 *
 * A file whose text or header row cannot be trusted yields no table: checking its rows would
 * only bury the real mistake under follow-on problems. Rows that cannot be split, or whose
 * value count differs from the header's, are reported and left out; the other rows go on.
 */
import { decodeCsvText } from './csv-decode';
import { readCsvRecords } from './csv-records';
import type { CsvRecord } from './csv-records';
import { acceptsColumn, describeColumns } from './roster-file-specs';
import type { RosterFileSpec } from './roster-file-specs';
import type { ImportReport } from './import-report';

export interface TableRow {
  line: number;
  /** Column name → value with surrounding whitespace removed. */
  fields: ReadonlyMap<string, string>;
}

export interface RosterTable {
  /** Header names in file order. */
  columns: string[];
  rows: TableRow[];
}

/** Decodes, splits and checks one file against its spec; null when the file cannot be read. */
export function readRosterTable(spec: RosterFileSpec, content: Uint8Array | string, report: ImportReport): RosterTable | null {
  const { file } = spec;
  const decoded = decodeCsvText(content);
  if (!decoded.ok) {
    report.problem(file, decoded.line, 'This line is not UTF-8 text. Save the file as "CSV UTF-8" and upload it again.');
    return null;
  }
  const { records, problems } = readCsvRecords(decoded.text);
  for (const problem of problems) report.problem(file, problem.line, problem.message);
  const [header, ...dataRecords] = records;
  if (header === undefined) {
    if (problems.length === 0) {
      report.problem(file, null, `The file is empty. Its first line must be the header row: ${spec.columns.join(',')}.`);
    }
    return null;
  }
  if (problems.some((problem) => problem.line < header.line)) return null;

  const columns = header.values.map((name) => name.trim());
  const headerProblems = checkHeader(spec, columns);
  for (const message of headerProblems) report.problem(file, header.line, message);
  if (headerProblems.length > 0) return null;

  const rows: TableRow[] = [];
  for (const record of dataRecords) {
    const widthProblem = checkWidth(record, columns.length);
    if (widthProblem === null) rows.push({ line: record.line, fields: fieldsOf(columns, record.values) });
    else report.problem(file, record.line, widthProblem);
  }
  return { columns, rows };
}

function checkHeader(spec: RosterFileSpec, columns: string[]): string[] {
  const known = (column: string) => acceptsColumn(spec, column);
  const knownIgnoringCase = (column: string) => spec.columns.find((name) => name.toLowerCase() === column.toLowerCase());
  if (!columns.some((column) => known(column) || knownIgnoringCase(column))) {
    return [`The first line must be the header row naming the columns (${describeColumns(spec)}), but none of its values is a column name.`];
  }
  const messages: string[] = [];
  const seen = new Set<string>();
  const reportedTwice = new Set<string>();
  columns.forEach((column, index) => {
    if (column === '') {
      messages.push(`Column ${index + 1} of the header row has no name. Remove the empty column; it is often a stray separator at the end of the line.`);
    } else if (!known(column)) {
      const spelled = knownIgnoringCase(column);
      messages.push(
        spelled
          ? `Column "${column}" must be written "${spelled}": column names must match Apple's template exactly.`
          : `Unknown column "${column}". ${spec.file} accepts: ${describeColumns(spec)}.`,
      );
    } else if (seen.has(column) && !reportedTwice.has(column)) {
      reportedTwice.add(column);
      messages.push(`Column "${column}" appears more than once in the header row. Keep one.`);
    }
    seen.add(column);
  });
  const respelled = new Set(columns.map((column) => knownIgnoringCase(column)));
  for (const required of spec.required) {
    if (!seen.has(required) && !respelled.has(required)) {
      messages.push(`The header row has no "${required}" column. It is required.`);
    }
  }
  return messages;
}

function checkWidth(record: CsvRecord, width: number): string | null {
  const count = record.values.length;
  if (count > width) {
    return `This row has ${count} values but the header has ${width} columns. A value that contains a separator must be in double quotes.`;
  }
  if (count < width) {
    return `This row has ${count} values but the header has ${width} columns. Every row needs a value, even an empty one, for each column.`;
  }
  return null;
}

function fieldsOf(columns: string[], values: string[]): Map<string, string> {
  return new Map(columns.map((column, index) => [column, values[index]?.trim() ?? '']));
}
