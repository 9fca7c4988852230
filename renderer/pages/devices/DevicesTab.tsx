import { useCallback, useState } from 'react';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SearchBox } from '../../components/SearchBox';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { useListQuery } from '../../hooks/useListQuery';
import { useWindowedRows } from '../../hooks/useWindowedRows';
import { useTree } from '../../store/tree-store';
import { AssociateDialog } from './AssociateDialog';
import { DeviceDialog, type DeviceRow } from './DeviceDialog';

type DeviceSort = 'serialNumber' | 'name' | 'platform' | 'osVersion' | 'group' | 'owner';

/** Devices at or below the current level, with who each belongs to. */
export function DevicesTab({ groupId }: { groupId: number }) {
  const version = useTree((s) => s.version);
  const query = useListQuery<DeviceSort>('serialNumber');
  const [editing, setEditing] = useState<DeviceRow | 'new' | null>(null);
  const [assigning, setAssigning] = useState<DeviceRow | null>(null);
  const fetchPage = useCallback(
    (offset: number, limit: number) => api.devices.list({ groupId, search: query.search, sort: query.sort, direction: query.direction, offset, limit }),
    [groupId, query.search, query.sort, query.direction],
  );
  const rows = useWindowedRows(`${groupId}|${query.key}`, version, fetchPage);

  const columns: Column<DeviceRow, DeviceSort>[] = [
    { key: 'serial', label: 'Serial number', sort: 'serialNumber', width: '1.3fr', render: (d) => <code>{d.serialNumber}</code> },
    { key: 'name', label: 'Name', sort: 'name', width: '1.3fr', render: (d) => d.name ?? '—' },
    { key: 'platform', label: 'Platform', sort: 'platform', width: '0.8fr', render: (d) => d.platform },
    { key: 'os', label: 'OS', sort: 'osVersion', width: '0.6fr', render: (d) => d.osVersion },
    { key: 'supervised', label: 'Supervised', width: '0.8fr', render: (d) => (d.supervised ? 'Yes' : 'No') },
    { key: 'group', label: 'Home group', sort: 'group', width: '1.3fr', render: (d) => d.homeGroupName },
    {
      key: 'owner',
      label: 'Belongs to',
      sort: 'owner',
      width: '1.6fr',
      render: (d) => (
        <button
          type="button"
          className="link"
          aria-label={`Assign ${d.serialNumber}`}
          onClick={(event) => {
            event.stopPropagation();
            setAssigning(d);
          }}
        >
          {d.owner ? `${d.owner.name}${d.owner.kind === 'admin' ? ' (admin)' : ''}` : 'Assign…'}
        </button>
      ),
    },
  ];

  return (
    <section className="tab-panel" aria-label="Devices">
      <div className="toolbar">
        <SearchBox label="Search devices" onSearch={query.setSearch} />
        <span className="spacer" />
        <button type="button" onClick={() => setEditing('new')}>
          Add device…
        </button>
      </div>
      <ErrorBanner message={rows.error?.message} />
      <VirtualTable
        label="Devices"
        columns={columns}
        {...rows}
        sort={query.sort}
        direction={query.direction}
        onSort={query.toggleSort}
        onOpen={(row) => setEditing(row)}
        emptyText="No devices at this level yet. Add one, or import a devices.csv file."
      />
      {editing ? <DeviceDialog device={editing === 'new' ? null : editing} defaultGroupId={groupId} onClose={() => setEditing(null)} /> : null}
      {assigning ? <AssociateDialog device={assigning} groupId={groupId} onClose={() => setAssigning(null)} /> : null}
    </section>
  );
}
