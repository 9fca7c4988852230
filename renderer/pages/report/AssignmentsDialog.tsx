import { useCallback, useState } from 'react';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { useWindowedRows } from '../../hooks/useWindowedRows';
import { finishExport } from './export-result';
import type { AssignmentRow, LicenseRow } from './report-types';

const columns: Column<AssignmentRow & { id: number }, never>[] = [
  { key: 'user', label: 'User', width: '1.4fr', render: (a) => a.userName ?? (a.clientUserId ? 'Not in this directory' : '—') },
  { key: 'email', label: 'Email', width: '1.6fr', render: (a) => a.userEmail ?? '—' },
  { key: 'device', label: 'Device', width: '1.4fr', render: (a) => (a.serialNumber ? `${a.deviceName ?? 'Unknown device'} (${a.serialNumber})` : '—') },
  { key: 'group', label: 'Group', width: '1fr', render: (a) => a.groupName ?? '—' },
];

/** Who holds the licenses of one app or book: users and device serials, matched to the directory. */
export function AssignmentsDialog({ groupId, license, onClose }: { groupId: number; license: LicenseRow; onClose(): void }) {
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { serviceId, adamId, pricing } = license;
  const query = { groupId, serviceId, adamId, pricing };
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const result = await api.report.assignments({ groupId, serviceId, adamId, pricing, offset, limit });
      // Assignment rows have no id of their own; their position is one.
      return result.ok ? { ok: true as const, value: { ...result.value, rows: result.value.rows.map((r, i) => ({ ...r, id: offset + i + 1 })) } } : result;
    },
    [groupId, serviceId, adamId, pricing],
  );
  const rows = useWindowedRows(`${license.serviceId}:${license.adamId}:${license.pricing}`, 0, fetchPage);

  async function exportCsv() {
    const result = await api.report.export({ report: { kind: 'assignments', query } });
    if (result.ok) setMessage(finishExport(result.value));
    else setError(result.error.message);
  }

  return (
    <Dialog title={`Licenses of ${license.name ?? license.adamId}`} onClose={onClose} wide>
      <ErrorBanner message={error ?? rows.error?.message} />
      <div className="toolbar">
        <span className="muted">
          {license.serviceName} · {license.assigned.toLocaleString()} assigned
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </div>
      {message ? <p role="status">{message}</p> : null}
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
