import { useState } from 'react';
import type { ChannelInput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { DirectoryList, type ListQuery } from '../../components/DirectoryList';
import type { Column } from '../../components/VirtualTable';
import { AssociateDialog } from './AssociateDialog';
import { DeviceDialog, type DeviceRow } from './DeviceDialog';

type DeviceSort = NonNullable<ChannelInput<'devices.list'>['sort']>;

const fetchDevices = (groupId: number, query: ListQuery<DeviceSort>) => api.devices.list({ groupId, ...query });

/** Devices at or below the current level, with who each belongs to. */
export function DevicesTab({ groupId }: { groupId: number }) {
  const [editing, setEditing] = useState<DeviceRow | 'new' | null>(null);
  const [assigning, setAssigning] = useState<DeviceRow | null>(null);
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
      <DirectoryList<DeviceRow, DeviceSort>
        label="Devices"
        addLabel="Add device…"
        emptyText="No devices at this level yet. Add one, or import a devices.csv file."
        groupId={groupId}
        columns={columns}
        initialSort="serialNumber"
        fetch={fetchDevices}
        onAdd={() => setEditing('new')}
        onOpen={setEditing}
      />
      {editing ? <DeviceDialog device={editing === 'new' ? null : editing} defaultGroupId={groupId} onClose={() => setEditing(null)} /> : null}
      {assigning ? <AssociateDialog device={assigning} groupId={groupId} onClose={() => setAssigning(null)} /> : null}
    </section>
  );
}
