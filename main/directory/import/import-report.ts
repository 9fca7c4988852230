/**
 * Collects the problems and warnings of one import as every check runs.
 *
 * Checks never stop at the first problem: an admin fixing a file wants the whole list at once,
 * so each check reports here and carries on.
 */
import type { ImportProblem } from './roster-types';

export class ImportReport {
  readonly problems: ImportProblem[] = [];
  readonly warnings: ImportProblem[] = [];

  problem(file: string, line: number | null, message: string): void {
    this.problems.push({ file, line, message });
  }

  warning(file: string, line: number | null, message: string): void {
    this.warnings.push({ file, line, message });
  }
}

/**
 * Orders by file name, then line, file-level entries (line null) first.
 *
 * The sort is stable, so entries of one line keep the order the checks found them in.
 */
export function sortByFileAndLine(entries: readonly ImportProblem[]): ImportProblem[] {
  return [...entries].sort((a, b) => {
    if (a.file !== b.file) return a.file < b.file ? -1 : 1;
    return (a.line ?? 0) - (b.line ?? 0);
  });
}
