import { useState } from 'react';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { InstallDialog } from '../installs/InstallDialog';
import { RecentInstalls } from '../installs/RecentInstalls';
import { RevokeDialog, type Holders } from '../installs/RevokeDialog';
import type { AssignmentRow, LicenseRow } from './report-types';
import { useCsvExport, useReportRows } from './useReportRows';

type Row = AssignmentRow & { id: number };

const holderKey = (a: AssignmentRow) => (a.clientUserId ? `u:${a.clientUserId}` : `s:${a.serialNumber ?? ''}`);

const baseColumns: Column<Row, never>[] = [
  { key: 'user', label: 'User', width: '1.4fr', render: (a) => a.userName ?? (a.clientUserId ? 'Not in this directory' : '—') },
  { key: 'email', label: 'Email', width: '1.6fr', render: (a) => a.userEmail ?? '—' },
  { key: 'device', label: 'Device', width: '1.4fr', render: (a) => (a.serialNumber ? `${a.deviceName ?? 'Unknown device'} (${a.serialNumber})` : '—') },
  { key: 'group', label: 'Group', width: '1fr', render: (a) => a.groupName ?? '—' },
];

/** Who holds the licenses of one app or book, matched to the directory; Install… and Take back start here. */
export function AssignmentsDialog({ groupId, groupName, license, onClose }: { groupId: number; groupName: string; license: LicenseRow; onClose(): void }) {
  const csv = useCsvExport();
  const query = { groupId, serviceId: license.serviceId, adamId: license.adamId, pricing: license.pricing };
  // Licenses of the title held by people the admin does not see at this level: counted, never listed.
  const [outside, setOutside] = useState(0);
  const rows = useReportRows(JSON.stringify(query), 0, async (offset, limit) => {
    const result = await api.report.assignments({ ...query, offset, limit });
    if (result.ok) setOutside(result.value.outside);
    return result;
  });
  const [selected, setSelected] = useState<Map<string, AssignmentRow>>(new Map());
  const [open, setOpen] = useState<'install' | 'revoke' | null>(null);

  const toggle = (row: AssignmentRow, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(holderKey(row), row);
      else next.delete(holderKey(row));
      return next;
    });
  const columns: Column<Row, never>[] = [
    {
      key: 'select',
      label: 'Select',
      width: '0.5fr',
      render: (a) => (
        <input
          type="checkbox"
          aria-label={`Select ${a.userName ?? a.serialNumber ?? a.clientUserId ?? 'holder'}`}
          checked={selected.has(holderKey(a))}
          onChange={(e) => toggle(a, e.target.checked)}
        />
      ),
    },
    ...baseColumns,
  ];
  const holders: Holders = {
    clientUserIds: [...selected.values()].flatMap((a) => (a.clientUserId ? [a.clientUserId] : [])),
    serialNumbers: [...selected.values()].flatMap((a) => (!a.clientUserId && a.serialNumber ? [a.serialNumber] : [])),
  };

  // The install and take-back dialogs are siblings, not children: a form inside a form is not valid HTML.
  return (
    <>
      <Dialog title={`Licenses of ${license.name ?? license.adamId}`} onClose={onClose} wide>
        <ErrorBanner message={csv.error ?? rows.error?.message} />
        <div className="toolbar">
          <span className="muted">
            {license.serviceName} · {license.assigned.toLocaleString()} assigned
            {outside > 0 ? ` · ${outside.toLocaleString()} of them held by people outside ${groupName}, not listed here` : ''}
          </span>
          <span className="spacer" />
          {license.productType === 'App' ? (
            <button type="button" className="primary" onClick={() => setOpen('install')}>
              Install…
            </button>
          ) : null}
          <button type="button" disabled={selected.size === 0} onClick={() => setOpen('revoke')}>
            Take back ({selected.size})…
          </button>
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
            emptyText={outside > 0 ? `Nobody at or below ${groupName} holds a license of this title.` : 'Nobody holds a license of this title.'}
          />
        </div>
        <RecentInstalls groupId={groupId} serviceId={license.serviceId} adamId={license.adamId} />
      </Dialog>
      {open === 'install' ? <InstallDialog groupId={groupId} groupName={groupName} license={license} onClose={() => setOpen(null)} /> : null}
      {open === 'revoke' ? (
        <RevokeDialog
          groupId={groupId}
          serviceId={license.serviceId}
          app={{ adamId: license.adamId, pricing: license.pricing, name: license.name ?? `Adam ID ${license.adamId}` }}
          holders={holders}
          onClose={(done) => {
            setOpen(null);
            if (done) setSelected(new Map());
          }}
        />
      ) : null}
    </>
  );
}
