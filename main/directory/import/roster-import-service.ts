import { basename } from 'node:path';
import type { AuditLog } from '../../audit/audit-log';
import type { SignedInAdmin } from '../../auth/signed-in-admin';
import { DomainError } from '../../errors/domain-error';
import type { EventBus } from '../../events/event-bus';
import type { Job, JobRegistry } from '../../jobs/job-registry';
import type { ScopeReader } from '../admin-scope';
import type { RosterWriter } from './roster-writer';
import { sortByFileAndLine } from './import-report';
import type { ImportProblem, Roster, RosterUpload } from './roster-types';
import { validateRoster } from './validate-roster';

export interface UploadedFile {
  name: string;
  base64: string;
}

export interface ImportCheck {
  problems: ImportProblem[];
  warnings: ImportProblem[];
  rows: Record<string, number>;
}

function toUpload(files: readonly UploadedFile[]): RosterUpload {
  const upload: RosterUpload = {};
  for (const file of files) upload[basename(file.name)] = new Uint8Array(Buffer.from(file.base64, 'base64'));
  return upload;
}

function rowCounts(roster: Roster): Record<string, number> {
  const rows: Record<string, number> = {
    'locations.csv': roster.locations.length,
    'students.csv': roster.students.length,
    'staff.csv': roster.staff.length,
    'courses.csv': roster.courses.length,
    'classes.csv': roster.classes.length,
    'rosters.csv': roster.rosters.length,
    'devices.csv': roster.devices.length,
  };
  return Object.fromEntries(Object.entries(rows).filter(([, count]) => count > 0));
}

/**
 * The Apple School Manager import: check everything first, then write it as a job.
 *
 * A set with any problem, in the files or against the database, writes nothing.
 */
export class RosterImportService {
  constructor(
    private readonly scopes: ScopeReader,
    private readonly writer: RosterWriter,
    private readonly jobs: JobRegistry,
    private readonly audit: AuditLog,
    private readonly bus: EventBus,
  ) {}

  check(admin: SignedInAdmin, parentGroupId: number, files: readonly UploadedFile[]): ImportCheck {
    const { roster, check } = this.validate(admin, parentGroupId, files);
    return roster ? { ...check, rows: rowCounts(roster) } : check;
  }

  start(admin: SignedInAdmin, parentGroupId: number, files: readonly UploadedFile[]): Job {
    const { roster, check } = this.validate(admin, parentGroupId, files);
    if (!roster) {
      throw new DomainError('VALIDATION', `The files have ${check.problems.length} problem(s); nothing was imported. Check them again to see each one.`, check.problems);
    }
    return this.jobs.start('import', 'Import from Apple School Manager', { groupId: parentGroupId }, async (progress) => {
      try {
        const summary = await this.writer.write(roster, parentGroupId, progress);
        this.audit.record(admin.id, 'directory.import', `group:${parentGroupId}`, { files: files.map((f) => basename(f.name)), ...summary });
        return summary;
      } finally {
        this.bus.emit('directory.changed', { groupIds: [parentGroupId] });
      }
    });
  }

  private validate(admin: SignedInAdmin, parentGroupId: number, files: readonly UploadedFile[]): { roster: Roster | null; check: ImportCheck } {
    const scope = this.scopes.of(admin.id);
    scope.requireGroup(parentGroupId);
    const result = validateRoster(toUpload(files));
    if (!result.ok) return { roster: null, check: { problems: result.problems, warnings: [], rows: {} } };
    const conflicts = sortByFileAndLine(this.writer.conflicts(result.roster, scope));
    if (conflicts.length > 0) return { roster: null, check: { problems: conflicts, warnings: result.warnings, rows: {} } };
    return { roster: result.roster, check: { problems: [], warnings: result.warnings, rows: {} } };
  }
}
