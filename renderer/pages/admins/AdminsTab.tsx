import { useEffect, useState } from 'react';
import type { ApiError } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useTree } from '../../store/tree-store';
import { AdminDialog, type AdminRow } from './AdminDialog';

/** Admins with a direct group at or below the current level. */
export function AdminsTab({ groupId }: { groupId: number }) {
  const version = useTree((s) => s.version);
  const [admins, setAdmins] = useState<AdminRow[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<AdminRow | 'new' | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    void api.admins.list({ groupId }).then((result) => {
      if (!current) return;
      if (result.ok) setAdmins(result.value);
      setError(result.ok ? null : result.error);
    });
    return () => {
      current = false;
    };
  }, [groupId, version, reload]);

  return (
    <section className="tab-panel" aria-label="Admins">
      <div className="toolbar">
        <span className="spacer" />
        <button type="button" onClick={() => setEditing('new')}>
          Add admin…
        </button>
      </div>
      <ErrorBanner message={error?.message} />
      <table className="plain-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Direct admin of</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {admins.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td>{a.email}</td>
              <td>{a.directGroups.map((g) => g.name).join(', ') || '—'}</td>
              <td>{a.disabled ? 'Disabled' : 'Active'}</td>
              <td>
                {a.manageable ? (
                  <button type="button" className="link" onClick={() => setEditing(a)} aria-label={`Edit ${a.name}`}>
                    Edit
                  </button>
                ) : (
                  <span className="muted" title="This admin also administers groups outside yours.">
                    Read only
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <AdminDialog
          admin={editing === 'new' ? null : editing}
          defaultGroupId={groupId}
          onClose={() => {
            setEditing(null);
            setReload((r) => r + 1);
          }}
        />
      ) : null}
    </section>
  );
}
