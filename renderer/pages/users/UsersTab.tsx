import { useCallback, useState } from 'react';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SearchBox } from '../../components/SearchBox';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { useListQuery } from '../../hooks/useListQuery';
import { useWindowedRows } from '../../hooks/useWindowedRows';
import { useTree } from '../../store/tree-store';
import { UserDialog, type UserRow } from './UserDialog';

type UserSort = 'name' | 'email' | 'role' | 'group' | 'devices';

const columns: Column<UserRow, UserSort>[] = [
  { key: 'name', label: 'Name', sort: 'name', width: '2fr', render: (u) => u.name },
  { key: 'email', label: 'Email', sort: 'email', width: '2fr', render: (u) => u.email ?? '—' },
  { key: 'role', label: 'Role', sort: 'role', width: '0.8fr', render: (u) => (u.role === 'student' ? 'Student' : 'Staff') },
  { key: 'group', label: 'Home group', sort: 'group', width: '1.5fr', render: (u) => u.homeGroupName },
  { key: 'devices', label: 'Devices', sort: 'devices', width: '0.7fr', render: (u) => u.deviceCount },
];

/** Users at or below the current level. */
export function UsersTab({ groupId }: { groupId: number }) {
  const version = useTree((s) => s.version);
  const query = useListQuery<UserSort>('name');
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const fetchPage = useCallback(
    (offset: number, limit: number) => api.users.list({ groupId, search: query.search, sort: query.sort, direction: query.direction, offset, limit }),
    [groupId, query.search, query.sort, query.direction],
  );
  const rows = useWindowedRows(`${groupId}|${query.key}`, version, fetchPage);

  return (
    <section className="tab-panel" aria-label="Users">
      <div className="toolbar">
        <SearchBox label="Search users" onSearch={query.setSearch} />
        <span className="spacer" />
        <button type="button" onClick={() => setEditing('new')}>
          Add user…
        </button>
      </div>
      <ErrorBanner message={rows.error?.message} />
      <VirtualTable
        label="Users"
        columns={columns}
        {...rows}
        sort={query.sort}
        direction={query.direction}
        onSort={query.toggleSort}
        onOpen={(row) => setEditing(row)}
        emptyText="No users at this level yet. Add one, or import your Apple School Manager files."
      />
      {editing ? <UserDialog user={editing === 'new' ? null : editing} defaultGroupId={groupId} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}
