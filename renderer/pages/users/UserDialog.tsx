import { useState } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useApiAction } from '../../hooks/useApiAction';
import { useTree } from '../../store/tree-store';
import { groupOptions } from '../group/group-labels';

export type UserRow = ChannelOutput<'users.list'>['rows'][number];

interface UserDialogProps {
  user: UserRow | null;
  defaultGroupId: number;
  onClose(): void;
}

const roles = [
  { value: 'student', label: 'Student' },
  { value: 'staff', label: 'Staff' },
] as const;

/** Add a user, or edit or delete one. */
export function UserDialog({ user, defaultGroupId, onClose }: UserDialogProps) {
  const groups = useTree((s) => s.groups);
  const [form, setForm] = useState({
    name: user?.name ?? '',
    email: user?.email ?? '',
    managedAppleId: user?.managedAppleId ?? '',
    role: user?.role ?? 'student',
    gradeLevel: user?.gradeLevel ?? '',
    externalId: user?.externalId ?? '',
    homeGroupId: user?.homeGroupId ?? defaultGroupId,
  });
  const save = useApiAction(onClose);
  const remove = useApiAction(onClose);
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value }));

  function submit() {
    const fields = { ...form, homeGroupId: Number(form.homeGroupId) };
    void save.run(() => (user ? api.users.update({ userId: user.id, ...fields }) : api.users.create(fields)));
  }

  return (
    <Dialog title={user ? `Edit ${user.name}` : 'Add user'} onClose={onClose} onSubmit={submit} submitDisabled={save.busy} submitLabel={user ? 'Save' : 'Add user'}>
      <ErrorBanner message={save.formError ?? remove.formError} />
      <TextField label="Name" autoFocus value={form.name} onChange={set('name')} error={save.fields.name} />
      <TextField label="Email" type="email" value={form.email} onChange={set('email')} error={save.fields.email} />
      <TextField
        label="Managed Apple ID"
        value={form.managedAppleId}
        onChange={set('managedAppleId')}
        error={save.fields.managedAppleId}
        hint="Users with a Managed Apple ID need no invitation."
      />
      <SelectField label="Role" value={form.role} options={roles} onChange={set('role')} />
      <TextField label="Grade level" value={form.gradeLevel} onChange={set('gradeLevel')} error={save.fields.gradeLevel} />
      <TextField label="Roster id" value={form.externalId} onChange={set('externalId')} error={save.fields.externalId} />
      <SelectField label="Home group" value={form.homeGroupId} options={groupOptions(groups)} onChange={set('homeGroupId')} />
      {user ? (
        <button type="button" className="danger-link" disabled={remove.busy} onClick={() => void remove.run(() => api.users.delete({ userId: user.id }))}>
          Delete this user
        </button>
      ) : null}
    </Dialog>
  );
}
