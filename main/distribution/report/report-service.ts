import type { z } from 'zod';
import type { AppleUserQuery, AssignmentQuery, ExportRequest, LicenseQuery } from '../../../preload/schemas/report-schemas';
import type { AuditLog } from '../../audit/audit-log';
import type { SignedInAdmin } from '../../auth/signed-in-admin';
import type { Clock } from '../../clock/clock';
import { DomainError } from '../../errors/domain-error';
import type { ExportDestination } from '../../export/export-destination';
import { writeCsv, type CsvValue } from './csv-writer';
import type { ReportScope } from './report-scope';
import type { AppleUserRecord, LicenseRecord, ReportStore } from './report-store';

type LicenseQueryInput = z.output<typeof LicenseQuery>;
type AppleUserQueryInput = z.output<typeof AppleUserQuery>;
type AssignmentQueryInput = z.output<typeof AssignmentQuery>;
type ExportInput = z.output<typeof ExportRequest>;

const licenseColumns = ['Service', 'Name', 'Adam ID', 'Type', 'Pricing', 'Platforms', 'Device assignable', 'Total', 'Assigned', 'Available', 'Retired'];
const licenseCsv = (l: LicenseRecord): CsvValue[] => [
  l.serviceName,
  l.name,
  l.adamId,
  l.productType,
  l.pricing,
  l.platforms.join(' '),
  l.deviceAssignable ? 'yes' : 'no',
  l.unlimited ? 'unlimited' : l.total,
  l.assigned,
  l.unlimited ? 'unlimited' : l.available,
  l.retired,
];

const userColumns = ['Service', 'Name', 'Email', 'Managed Apple ID', 'Status', 'Invite code', 'Group', 'Devices', 'Licenses', 'Client user ID'];
const userCsv = (u: AppleUserRecord): CsvValue[] => [
  u.serviceName,
  u.userName,
  u.email,
  u.managedAppleId,
  u.status,
  u.inviteCodePresent ? 'yes' : 'no',
  u.groupName,
  u.deviceCount,
  u.licenseCount,
  u.clientUserId,
];

/** In the order of ReportStore's AssignmentExportRow. */
const assignmentColumns = ['User', 'Email', 'Client user ID', 'Device', 'Serial number', 'Group'];

function* mapRows<T>(rows: Iterable<T>, toCsv: (row: T) => CsvValue[]): Generator<CsvValue[]> {
  for (const row of rows) yield toCsv(row);
}

/** The Managed Distribution Report: licenses, who holds them, Apple users, and CSV exports. */
export class ReportService {
  constructor(
    private readonly scope: ReportScope,
    private readonly store: ReportStore,
    /** The same queries on a read-only connection, for exports (see openReadConnection). */
    private readonly exportStore: ReportStore,
    private readonly destination: ExportDestination,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  licenses(admin: SignedInAdmin, query: LicenseQueryInput) {
    return this.store.licenses({ ...query, serviceIds: this.scope.serviceIds(admin, query.groupId, query.serviceIds) });
  }

  assignments(admin: SignedInAdmin, query: AssignmentQueryInput) {
    const { holders } = this.scope.serviceView(admin, query.groupId, query.serviceId);
    return this.store.assignments({ ...query, holders });
  }

  appleUsers(admin: SignedInAdmin, query: AppleUserQueryInput) {
    return this.store.appleUsers({ ...query, ...this.scope.view(admin, query.groupId, query.serviceIds) });
  }

  /** Streams the whole current view (every row, not only the window shown) as CSV. */
  async export(admin: SignedInAdmin, { report }: ExportInput): Promise<{ savedTo: string | null; downloadUrl: string | null; rows: number }> {
    let header: string[];
    let rows: Iterable<CsvValue[]>;
    if (report.kind === 'licenses') {
      const serviceIds = this.scope.serviceIds(admin, report.query.groupId, report.query.serviceIds);
      header = licenseColumns;
      rows = mapRows(this.exportStore.eachLicense({ ...report.query, serviceIds }), licenseCsv);
    } else if (report.kind === 'users') {
      header = userColumns;
      rows = mapRows(this.exportStore.eachAppleUser({ ...report.query, ...this.scope.view(admin, report.query.groupId, report.query.serviceIds) }), userCsv);
    } else {
      const { holders } = this.scope.serviceView(admin, report.query.groupId, report.query.serviceId);
      header = assignmentColumns;
      rows = this.exportStore.eachAssignment({ ...report.query, holders });
    }

    const day = this.clock.now().toISOString().slice(0, 10);
    const target = await this.destination(`managed-distribution-${report.kind}-${day}.csv`);
    if (!target) return { savedTo: null, downloadUrl: null, rows: 0 };
    let count: number;
    try {
      count = await writeCsv(target.stream, header, rows);
    } catch (error) {
      await target.discard();
      throw new DomainError('INTERNAL', `The export could not be written: ${error instanceof Error ? error.message : String(error)}`);
    }
    const done = await target.finish();
    this.audit.record(admin.id, 'report.export', `report:${report.kind}`, { rows: count, savedTo: done.savedTo });
    return { ...done, rows: count };
  }
}
