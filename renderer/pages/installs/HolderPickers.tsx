import { useCallback } from 'react';
import { api } from '../../bridge/api';
import { ChecklistPicker, type Choice } from './ChecklistPicker';

interface PickerProps {
  groupId: number;
  chosen: number[];
  onChange(ids: number[]): void;
  error: string | undefined;
}

/** The devices at or below this level, to choose some of. */
export function DevicePicker({ groupId, ...rest }: PickerProps) {
  const load = useCallback(
    async (search: string): Promise<Choice[]> => {
      const result = await api.devices.list({ groupId, search, sort: 'name', limit: 200 });
      return result.ok ? result.value.rows.map((d) => ({ id: d.id, label: d.name ?? d.serialNumber, detail: `${d.serialNumber} · ${d.platform} ${d.osVersion}` })) : [];
    },
    [groupId],
  );
  return <ChecklistPicker noun="Devices" load={load} {...rest} />;
}

/** The users at or below this level, to choose some of. */
export function UserPicker({ groupId, ...rest }: PickerProps) {
  const load = useCallback(
    async (search: string): Promise<Choice[]> => {
      const result = await api.users.list({ groupId, search, sort: 'name', limit: 200 });
      return result.ok
        ? result.value.rows.map((u) => ({ id: u.id, label: u.name, detail: `${u.email ?? 'no email'} · ${u.deviceCount} device${u.deviceCount === 1 ? '' : 's'}` }))
        : [];
    },
    [groupId],
  );
  return <ChecklistPicker noun="Users" load={load} {...rest} />;
}
