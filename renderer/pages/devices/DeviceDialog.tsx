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

export type DeviceRow = ChannelOutput<'devices.list'>['rows'][number];

const platformOptions = ['iPadOS', 'iOS', 'macOS', 'tvOS'].map((p) => ({ value: p, label: p }));

interface DeviceDialogProps {
  device: DeviceRow | null;
  defaultGroupId: number;
  onClose(): void;
}

/** Add a device, or edit or delete one. */
export function DeviceDialog({ device, defaultGroupId, onClose }: DeviceDialogProps) {
  const groups = useTree((s) => s.groups);
  const [form, setForm] = useState({
    serialNumber: device?.serialNumber ?? '',
    name: device?.name ?? '',
    platform: device?.platform ?? 'iPadOS',
    osVersion: device?.osVersion ?? '',
    supervised: device?.supervised ?? true,
    udid: device?.udid ?? '',
    homeGroupId: device?.homeGroupId ?? defaultGroupId,
  });
  const save = useApiAction(onClose);
  const remove = useApiAction(onClose);
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value }));

  function submit() {
    const fields = { ...form, platform: form.platform as DeviceRow['platform'], homeGroupId: Number(form.homeGroupId) };
    void save.run(() => (device ? api.devices.update({ deviceId: device.id, ...fields }) : api.devices.create(fields)));
  }

  return (
    <Dialog title={device ? `Edit ${device.serialNumber}` : 'Add device'} onClose={onClose} onSubmit={submit} submitDisabled={save.busy} submitLabel={device ? 'Save' : 'Add device'}>
      <ErrorBanner message={save.formError ?? remove.formError} />
      <TextField label="Serial number" autoFocus value={form.serialNumber} onChange={set('serialNumber')} error={save.fields.serialNumber} />
      <TextField label="Device name" value={form.name} onChange={set('name')} error={save.fields.name} />
      <SelectField label="Platform" value={form.platform} options={platformOptions} onChange={set('platform')} />
      <TextField label="OS version" value={form.osVersion} onChange={set('osVersion')} error={save.fields.osVersion} hint="For example 17.4 or 14.2.1." />
      <label className="checkbox">
        <input type="checkbox" checked={form.supervised} onChange={(e) => setForm((f) => ({ ...f, supervised: e.target.checked }))} />
        Supervised
      </label>
      <TextField label="MDM enrollment id (UDID)" value={form.udid} onChange={set('udid')} error={save.fields.udid} />
      <SelectField label="Home group" value={form.homeGroupId} options={groupOptions(groups)} onChange={set('homeGroupId')} />
      {device ? (
        <button type="button" className="danger-link" disabled={remove.busy} onClick={() => void remove.run(() => api.devices.delete({ deviceId: device.id }))}>
          Delete this device
        </button>
      ) : null}
    </Dialog>
  );
}
