/**
 * Reads the values of one row, reporting each value that breaks Apple's rules.
 *
 * A value with a problem is still returned as written (or empty), so the row still yields a
 * record and its ids still count when other files refer to them: one bad email should not
 * also turn every roster row of that student into a problem. Such records never leave the
 * import, because an upload with problems returns no roster.
 */
import type { ImportReport } from './import-report';
import { seriesColumns } from './roster-file-specs';
import type { RosterFileSpec } from './roster-file-specs';
import type { RosterTable, TableRow } from './roster-table';
import type { PasswordPolicy } from './roster-types';

const IDENTIFIER = /^[A-Za-z0-9-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PASSWORD_POLICIES = new Map<string, PasswordPolicy>([
  ['4', 4],
  ['6', 6],
  ['8', 8],
]);

export class RowFields {
  constructor(
    private readonly spec: RosterFileSpec,
    private readonly series: SeriesColumns,
    private readonly row: TableRow,
    private readonly report: ImportReport,
  ) {}

  get line(): number {
    return this.row.line;
  }

  problem(message: string): void {
    this.report.problem(this.spec.file, this.row.line, message);
  }

  warning(message: string): void {
    this.report.warning(this.spec.file, this.row.line, message);
  }

  /** The value, or '' when it is empty or its column is absent. */
  text(column: string): string {
    return this.row.fields.get(column) ?? '';
  }

  optionalText(column: string): string | null {
    return this.text(column) || null;
  }

  /** An identifier: letters, digits and hyphens. */
  id(column: string): string {
    const value = this.text(column);
    if (value !== '' && !IDENTIFIER.test(value)) {
      this.problem(`${column} "${value}" may contain only letters, digits and hyphens.`);
    }
    return value;
  }

  optionalId(column: string): string | null {
    return this.id(column) || null;
  }

  /** The ids of `prefix` and its numbered columns, in number order, without blanks or repeats. */
  idSeries(prefix: string): string[] {
    const ids: string[] = [];
    for (const column of this.series(prefix)) {
      const id = this.id(column);
      if (id === '') continue;
      if (ids.includes(id)) this.warning(`${column} "${id}" repeats an earlier ${prefix} of this row; it is counted once.`);
      else ids.push(id);
    }
    return ids;
  }

  email(column: string): string | null {
    const value = this.optionalText(column);
    if (value !== null && !EMAIL.test(value)) {
      this.problem(`${column} "${value}" is not an email address such as name@school.example.`);
    }
    return value;
  }

  /** 4, 6 or 8; blank leaves the location's default policy in place. */
  passwordPolicy(column: string): PasswordPolicy | null {
    const value = this.text(column);
    const policy = PASSWORD_POLICIES.get(value);
    if (policy !== undefined) return policy;
    if (value !== '') this.problem(`${column} "${value}" must be 4, 6, 8 or empty.`);
    return null;
  }
}

/** The columns of a numbered series in the file's header, e.g. `location_id`, `location_id_2`. */
type SeriesColumns = (prefix: string) => readonly string[];

/** Runs `readRow` over every row after checking that each required value is present. */
export function readRecords<T>(
  spec: RosterFileSpec,
  table: RosterTable,
  report: ImportReport,
  readRow: (fields: RowFields) => T,
): T[] {
  const seriesByPrefix = new Map<string, readonly string[]>();
  const series: SeriesColumns = (prefix) => {
    const columns = seriesByPrefix.get(prefix) ?? seriesColumns(table.columns, prefix);
    seriesByPrefix.set(prefix, columns);
    return columns;
  };
  return table.rows.map((row) => {
    for (const column of spec.required) {
      if (row.fields.get(column) === '') report.problem(spec.file, row.line, `${column} is required but empty.`);
    }
    return readRow(new RowFields(spec, series, row, report));
  });
}
