import { useState } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { passwordHint } from '../../components/password-hint';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/TextField';
import { useApiAction } from '../../hooks/useApiAction';
import { useTree } from '../../store/tree-store';
import { groupOptions } from '../group/group-labels';

export type AdminRow = ChannelOutput<'admins.list'>[number];

interface AdminDialogProps {
  admin: AdminRow | null;
  defaultGroupId: number;
  onClose(): void;
}

/** Add an admin, or edit one: name, email, direct groups, password, enabled. */
export function AdminDialog({ admin, defaultGroupId, onClose }: AdminDialogProps) {
  const groups = useTree((s) => s.groups);
  const [name, setName] = useState(admin?.name ?? '');
  const [email, setEmail] = useState(admin?.email ?? '');
  const [password, setPassword] = useState('');
  const [direct, setDirect] = useState<Set<number>>(new Set(admin ? admin.directGroups.map((g) => g.id) : [defaultGroupId]));
  const save = useApiAction(onClose);
  const other = useApiAction(onClose);

  function toggle(id: number) {
    setDirect((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function submit() {
    const fields = { name, email, directGroupIds: [...direct] };
    if (!admin) return save.run(() => api.admins.create({ ...fields, password }));
    if (password) {
      const reset = await api.admins.resetPassword({ adminId: admin.id, password });
      if (!reset.ok) return save.run(async () => reset);
    }
    return save.run(() => api.admins.update({ adminId: admin.id, ...fields }));
  }

  // Groups outside the signed-in admin's reach are kept as they are and not offered.
  const offered = groupOptions(groups);

  return (
    <Dialog title={admin ? `Edit ${admin.name}` : 'Add admin'} onClose={onClose} onSubmit={() => void submit()} submitDisabled={save.busy} submitLabel={admin ? 'Save' : 'Add admin'} wide>
      <ErrorBanner message={save.formError ?? other.formError} />
      <TextField label="Name" autoFocus value={name} onChange={(e) => setName(e.target.value)} error={save.fields.name} />
      <TextField label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={save.fields.email} />
      <TextField
        label={admin ? 'New password (leave empty to keep)' : 'Password'}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={save.fields.password}
        hint={passwordHint}
      />
      <fieldset className="group-picker">
        <legend>Direct admin of</legend>
        <p className="field-hint">This admin sees and manages these groups and everything below them, and may use tokens kept in them.</p>
        {save.fields.directGroupIds ? <p className="field-error">{save.fields.directGroupIds}</p> : null}
        {offered.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" checked={direct.has(o.value)} onChange={() => toggle(o.value)} />
            {o.label}
          </label>
        ))}
      </fieldset>
      {admin ? (
        <button
          type="button"
          className={admin.disabled ? 'link' : 'danger-link'}
          disabled={other.busy}
          onClick={() => void other.run(() => api.admins.setDisabled({ adminId: admin.id, disabled: !admin.disabled }))}
        >
          {admin.disabled ? 'Enable this admin' : 'Disable this admin'}
        </button>
      ) : null}
    </Dialog>
  );
}
