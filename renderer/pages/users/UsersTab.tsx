import { useState } from 'react';
import type { ChannelInput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { DirectoryList, type ListQuery } from '../../components/DirectoryList';
import type { Column } from '../../components/VirtualTable';
import { UserDialog, type UserRow } from './UserDialog';

type UserSort = NonNullable<ChannelInput<'users.list'>['sort']>;

const columns: Column<UserRow, UserSort>[] = [
  { key: 'name', label: 'Name', sort: 'name', width: '2fr', render: (u) => u.name },
  { key: 'email', label: 'Email', sort: 'email', width: '2fr', render: (u) => u.email ?? '—' },
  { key: 'role', label: 'Role', sort: 'role', width: '0.8fr', render: (u) => (u.role === 'student' ? 'Student' : 'Staff') },
  { key: 'group', label: 'Home group', sort: 'group', width: '1.5fr', render: (u) => u.homeGroupName },
  { key: 'devices', label: 'Devices', sort: 'devices', width: '0.7fr', render: (u) => u.deviceCount },
];

const fetchUsers = (groupId: number, query: ListQuery<UserSort>) => api.users.list({ groupId, ...query });

/** Users at or below the current level. */
export function UsersTab({ groupId }: { groupId: number }) {
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  return (
    <section className="tab-panel" aria-label="Users">
      <DirectoryList<UserRow, UserSort>
        label="Users"
        addLabel="Add user…"
        emptyText="No users at this level yet. Add one, or import your Apple School Manager files."
        groupId={groupId}
        columns={columns}
        initialSort="name"
        fetch={fetchUsers}
        onAdd={() => setEditing('new')}
        onOpen={setEditing}
      />
      {editing ? <UserDialog user={editing === 'new' ? null : editing} defaultGroupId={groupId} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}
