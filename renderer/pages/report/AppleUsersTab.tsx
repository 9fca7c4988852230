import { useState } from 'react';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SearchBox } from '../../components/SearchBox';
import { SelectField } from '../../components/SelectField';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { useListQuery } from '../../hooks/useListQuery';
import { AppleUserDialog } from '../installs/AppleUserDialog';
import type { AppleUserQuery, AppleUserRow } from './report-types';
import { useCsvExport, useReportRows } from './useReportRows';

type Sort = 'name' | 'email' | 'status' | 'licenses';
type Row = AppleUserRow & { id: number };

const statusOptions = [{ value: '', label: 'Any' }, ...['Registered', 'Associated', 'Retired'].map((s) => ({ value: s, label: s }))];

const columns: Column<Row, Sort>[] = [
  { key: 'name', label: 'User', sort: 'name', width: '1.6fr', render: (u) => u.userName ?? <span className="muted">Not in this directory</span> },
  { key: 'email', label: 'Email or Managed Apple ID', sort: 'email', width: '2fr', render: (u) => u.email ?? u.managedAppleId ?? '—' },
  { key: 'group', label: 'Group', width: '1.2fr', render: (u) => u.groupName ?? '—' },
  { key: 'status', label: 'Status', sort: 'status', width: '1fr', render: (u) => u.status },
  { key: 'invite', label: 'Invite code', width: '0.8fr', render: (u) => (u.inviteCodePresent ? 'Yes' : 'No') },
  { key: 'invited', label: 'Invited', width: '1fr', render: (u) => (u.invitedAt ? new Date(u.invitedAt).toLocaleDateString() : '—') },
  { key: 'devices', label: 'Devices', width: '0.7fr', render: (u) => u.deviceCount },
  { key: 'licenses', label: 'Licenses', sort: 'licenses', width: '0.7fr', render: (u) => u.licenseCount },
  { key: 'service', label: 'Service', width: '1fr', render: (u) => u.serviceName },
];

/** Users tab: Apple's users of each service, matched to the directory; only the people at or below the level. */
export function AppleUsersTab({ groupId, groupName, serviceIds, version }: { groupId: number; groupName: string; serviceIds: number[] | null; version: number }) {
  const query = useListQuery<Sort>('name');
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<AppleUserRow | null>(null);
  const csv = useCsvExport();
  const filters: AppleUserQuery = {
    groupId,
    serviceIds,
    search: query.search,
    sort: query.sort,
    direction: query.direction,
    status: (status || null) as AppleUserQuery['status'],
  };
  const rows = useReportRows(JSON.stringify(filters), version, (offset, limit) => api.report.users({ ...filters, offset, limit }));

  return (
    <section className="tab-panel" aria-label="Apple users">
      <div className="toolbar filters">
        <SearchBox label="Search users" onSearch={query.setSearch} />
        <SelectField label="Status" value={status} options={statusOptions} onChange={(e) => setStatus(e.target.value)} />
        <span className="spacer" />
        <button type="button" onClick={() => void csv.run({ kind: 'users', query: filters })}>
          Export CSV
        </button>
      </div>
      <p className="muted">The people of {groupName} and the groups below it; Apple users elsewhere in the organization are not listed.</p>
      {csv.message ? <p role="status">{csv.message}</p> : null}
      <ErrorBanner message={csv.error ?? rows.error?.message} />
      <VirtualTable
        label="Apple users"
        columns={columns}
        {...rows}
        sort={query.sort}
        direction={query.direction}
        onSort={query.toggleSort}
        onOpen={(row) => setOpen(row)}
        emptyText="No Apple users match. Sync a service, or change the filters."
      />
      {open ? <AppleUserDialog groupId={groupId} user={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
