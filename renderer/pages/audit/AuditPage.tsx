import { useCallback, useEffect, useState } from 'react';
import type { ApiError, ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useTree } from '../../store/tree-store';

type AuditPageData = ChannelOutput<'audit.list'>;

const PAGE = 100;

/** The audit log: who did what and when, newest first, with filters. */
export function AuditPage() {
  const [adminId, setAdminId] = useState('');
  const [admins, setAdmins] = useState<{ value: string; label: string }[]>([]);
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<AuditPageData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    const result = await api.audit.list({ adminId: adminId ? Number(adminId) : null, action, from: from || null, to: to || null, offset, limit: PAGE });
    if (result.ok) setData(result.value);
    setError(result.ok ? null : result.error);
  }, [adminId, action, from, to, offset]);

  useEffect(() => {
    void load();
  }, [load]);

  // Only organization admins read everyone's entries; they can see every admin from the root.
  const rootId = useTree((s) => s.groups.find((g) => g.parentId === null)?.id ?? null);
  const seesAll = data?.scope === 'all';
  useEffect(() => {
    if (!seesAll || rootId === null) return;
    void api.admins.list({ groupId: rootId }).then((result) => {
      if (result.ok) setAdmins(result.value.map((a) => ({ value: String(a.id), label: a.name })));
    });
  }, [seesAll, rootId]);

  const actions = [{ value: '', label: 'All actions' }, ...(data?.actions ?? []).map((a) => ({ value: a, label: a }))];

  return (
    <div className="group-page" aria-label="Audit log">
      <header className="group-header">
        <div>
          <p className="eyebrow">Audit log</p>
          <h1>Who did what</h1>
          {data?.scope === 'own' ? <p className="muted">You see the entries of your own actions.</p> : null}
        </div>
      </header>
      <div className="toolbar filters">
        {seesAll ? (
          <SelectField
            label="Admin"
            value={adminId}
            options={[{ value: '', label: 'All admins' }, ...admins]}
            onChange={(e) => {
              setOffset(0);
              setAdminId(e.target.value);
            }}
          />
        ) : null}
        <SelectField label="Action" value={action} options={actions} onChange={(e) => { setOffset(0); setAction(e.target.value); }} />
        <TextField label="From" type="date" value={from} onChange={(e) => { setOffset(0); setFrom(e.target.value); }} />
        <TextField label="To" type="date" value={to} onChange={(e) => { setOffset(0); setTo(e.target.value); }} />
      </div>
      <ErrorBanner message={error?.message} />
      <table className="plain-table" aria-label="Audit entries">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Admin</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {(data?.rows ?? []).map((row) => (
            <tr key={row.id}>
              <td>{new Date(row.at).toLocaleString()}</td>
              <td>{row.adminName ?? '—'}</td>
              <td>
                <code>{row.action}</code>
              </td>
              <td>{row.target}</td>
              <td className="details-cell">{row.details === '{}' ? '' : row.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <span className="muted">
          {data ? `${data.total === 0 ? 0 : offset + 1}–${Math.min(offset + PAGE, data.total)} of ${data.total}` : 'Loading…'}
        </span>
        <span className="spacer" />
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Newer
        </button>
        <button type="button" disabled={!data || offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
          Older
        </button>
      </div>
    </div>
  );
}
