import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import type { AssignmentRow, LicenseRow } from './report-types';
import { useCsvExport, useReportRows } from './useReportRows';

const columns: Column<AssignmentRow & { id: number }, never>[] = [
  { key: 'user', label: 'User', width: '1.4fr', render: (a) => a.userName ?? (a.clientUserId ? 'Not in this directory' : '—') },
  { key: 'email', label: 'Email', width: '1.6fr', render: (a) => a.userEmail ?? '—' },
  { key: 'device', label: 'Device', width: '1.4fr', render: (a) => (a.serialNumber ? `${a.deviceName ?? 'Unknown device'} (${a.serialNumber})` : '—') },
  { key: 'group', label: 'Group', width: '1fr', render: (a) => a.groupName ?? '—' },
];

/** Who holds the licenses of one app or book: users and device serials, matched to the directory. */
export function AssignmentsDialog({ groupId, license, onClose }: { groupId: number; license: LicenseRow; onClose(): void }) {
  const csv = useCsvExport();
  const query = { groupId, serviceId: license.serviceId, adamId: license.adamId, pricing: license.pricing };
  const rows = useReportRows(JSON.stringify(query), 0, (offset, limit) => api.report.assignments({ ...query, offset, limit }));

  return (
    <Dialog title={`Licenses of ${license.name ?? license.adamId}`} onClose={onClose} wide>
      <ErrorBanner message={csv.error ?? rows.error?.message} />
      <div className="toolbar">
        <span className="muted">
          {license.serviceName} · {license.assigned.toLocaleString()} assigned
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => void csv.run({ kind: 'assignments', query })}>
          Export CSV
        </button>
      </div>
      {csv.message ? <p role="status">{csv.message}</p> : null}
      <div className="dialog-table">
        <VirtualTable
          label="Assignments"
          columns={columns}
          {...rows}
          sort={undefined as never}
          direction="asc"
          onSort={() => undefined}
          emptyText="Nobody holds a license of this title."
        />
      </div>
    </Dialog>
  );
}
