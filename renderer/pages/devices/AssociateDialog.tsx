import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SearchBox } from '../../components/SearchBox';
import { useApiAction } from '../../hooks/useApiAction';
import type { DeviceRow } from './DeviceDialog';

type Owner = { kind: 'user' | 'admin'; id: number; name: string };
type Candidate = Owner & { detail: string };

interface AssociateDialogProps {
  device: DeviceRow;
  groupId: number;
  onClose(): void;
}

function userCandidates(rows: ChannelOutput<'users.list'>['rows']): Candidate[] {
  return rows.map((u) => ({ kind: 'user', id: u.id, name: u.name, detail: [u.email, u.homeGroupName].filter(Boolean).join(' · ') }));
}

/** Give a device to a user or an admin of this level, or to nobody. */
export function AssociateDialog({ device, groupId, onClose }: AssociateDialogProps) {
  const [kind, setKind] = useState<'user' | 'admin'>(device.owner?.kind ?? 'user');
  const [search, setSearch] = useState('');
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [chosen, setChosen] = useState<Owner | null>(device.owner);
  const action = useApiAction(onClose);

  useEffect(() => {
    let current = true;
    const load = async () => {
      if (kind === 'user') {
        const result = await api.users.list({ groupId, search, sort: 'name', limit: 25 });
        if (current && result.ok) setCandidates(userCandidates(result.value.rows));
      } else {
        const result = await api.admins.list({ groupId });
        const needle = search.toLowerCase();
        if (current && result.ok) {
          setCandidates(
            result.value
              .filter((a) => !needle || a.name.toLowerCase().includes(needle) || a.email.includes(needle))
              .map((a) => ({ kind: 'admin', id: a.id, name: a.name, detail: a.email })),
          );
        }
      }
    };
    void load();
    return () => {
      current = false;
    };
  }, [kind, search, groupId]);

  const save = (owner: Owner | null) =>
    void action.run(() => api.devices.associate({ deviceId: device.id, owner: owner ? { kind: owner.kind, id: owner.id } : null }));

  return (
    <Dialog title={`Assign ${device.name ?? device.serialNumber}`} onClose={onClose} onSubmit={() => save(chosen)} submitDisabled={action.busy || !chosen} submitLabel="Assign">
      <ErrorBanner message={action.formError} />
      <p className="muted">
        Currently: {device.owner ? `${device.owner.name} (${device.owner.kind})` : 'nobody'}. User-assigned apps need the device to belong to its user.
      </p>
      <fieldset className="segmented">
        <legend>Assign to</legend>
        <label>
          <input type="radio" name="owner-kind" checked={kind === 'user'} onChange={() => setKind('user')} /> A user
        </label>
        <label>
          <input type="radio" name="owner-kind" checked={kind === 'admin'} onChange={() => setKind('admin')} /> An admin
        </label>
      </fieldset>
      <SearchBox label={kind === 'user' ? 'Search users' : 'Search admins'} onSearch={setSearch} />
      <ul className="pick-list" role="listbox" aria-label={kind === 'user' ? 'Users' : 'Admins'}>
        {candidates.map((c) => {
          const selected = chosen?.kind === c.kind && chosen.id === c.id;
          return (
            <li key={`${c.kind}:${c.id}`} role="option" aria-selected={selected}>
              <button type="button" className={selected ? 'pick selected' : 'pick'} onClick={() => setChosen(c)}>
                <span>{c.name}</span>
                <span className="muted">{c.detail}</span>
              </button>
            </li>
          );
        })}
        {candidates.length === 0 ? <li className="muted">Nobody matches.</li> : null}
      </ul>
      {device.owner ? (
        <button type="button" className="danger-link" disabled={action.busy} onClick={() => save(null)}>
          Remove from {device.owner.name}
        </button>
      ) : null}
    </Dialog>
  );
}
