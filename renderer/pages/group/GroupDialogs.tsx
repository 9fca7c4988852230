import { useState } from 'react';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useApiAction } from '../../hooks/useApiAction';
import { useTree, type GroupNode } from '../../store/tree-store';
import { creatableKinds, groupOptions, subtreeIds } from './group-labels';

interface GroupDialogProps {
  group: GroupNode;
  onClose(): void;
}

export function NewGroupDialog({ group, onClose }: GroupDialogProps) {
  const select = useTree((s) => s.select);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<(typeof creatableKinds)[number]['value']>(group.kind === 'school' ? 'class' : 'school');
  const action = useApiAction((created: GroupNode) => {
    select(created.id);
    onClose();
  });
  return (
    <Dialog
      title={`New group in ${group.name}`}
      onClose={onClose}
      submitLabel="Create group"
      submitDisabled={action.busy}
      onSubmit={() => void action.run(() => api.groups.create({ parentId: group.id, name, kind }))}
    >
      <ErrorBanner message={action.formError} />
      <TextField label="Name" autoFocus value={name} onChange={(e) => setName(e.target.value)} error={action.fields.name} />
      <SelectField label="Kind" value={kind} options={creatableKinds} onChange={(e) => setKind(e.target.value as typeof kind)} />
    </Dialog>
  );
}

export function RenameGroupDialog({ group, onClose }: GroupDialogProps) {
  const [name, setName] = useState(group.name);
  const action = useApiAction(onClose);
  return (
    <Dialog
      title={`Rename ${group.name}`}
      onClose={onClose}
      submitLabel="Rename"
      submitDisabled={action.busy}
      onSubmit={() => void action.run(() => api.groups.rename({ groupId: group.id, name }))}
    >
      <ErrorBanner message={action.formError} />
      <TextField label="Name" autoFocus value={name} onChange={(e) => setName(e.target.value)} error={action.fields.name} />
    </Dialog>
  );
}

export function MoveGroupDialog({ group, onClose }: GroupDialogProps) {
  const groups = useTree((s) => s.groups);
  const options = groupOptions(groups, subtreeIds(groups, group.id));
  const [parentId, setParentId] = useState(options[0]?.value ?? 0);
  const action = useApiAction(onClose);
  return (
    <Dialog
      title={`Move ${group.name}`}
      onClose={onClose}
      submitLabel="Move"
      submitDisabled={action.busy || options.length === 0}
      onSubmit={() => void action.run(() => api.groups.move({ groupId: group.id, newParentId: parentId }))}
    >
      <ErrorBanner message={action.formError} />
      <SelectField label="New parent group" autoFocus value={parentId} options={options} onChange={(e) => setParentId(Number(e.target.value))} />
    </Dialog>
  );
}

export function DeleteGroupDialog({ group, onClose }: GroupDialogProps) {
  const select = useTree((s) => s.select);
  const action = useApiAction(() => {
    if (group.parentId !== null) select(group.parentId);
    onClose();
  });
  return (
    <Dialog
      title={`Delete ${group.name}?`}
      onClose={onClose}
      submitLabel="Delete group"
      danger
      submitDisabled={action.busy}
      onSubmit={() => void action.run(() => api.groups.delete({ groupId: group.id }))}
    >
      <ErrorBanner message={action.formError} />
      <p>Only an empty group can be deleted. This cannot be undone.</p>
    </Dialog>
  );
}
