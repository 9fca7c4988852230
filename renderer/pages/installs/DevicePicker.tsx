import { useEffect, useId, useState } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { SearchBox } from '../../components/SearchBox';

type Device = ChannelOutput<'devices.list'>['rows'][number];

interface DevicePickerProps {
  groupId: number;
  chosen: number[];
  onChange(deviceIds: number[]): void;
  error: string | undefined;
}

/** Checkboxes for the devices at or below this level, searchable. */
export function DevicePicker({ groupId, chosen, onChange, error }: DevicePickerProps) {
  const [search, setSearch] = useState('');
  const [devices, setDevices] = useState<Device[]>([]);
  const errorId = useId();

  useEffect(() => {
    let current = true;
    void api.devices.list({ groupId, search, sort: 'name', limit: 200 }).then((result) => {
      if (current && result.ok) setDevices(result.value.rows);
    });
    return () => {
      current = false;
    };
  }, [groupId, search]);

  const toggle = (id: number, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((d) => d !== id));

  return (
    <fieldset aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend>Devices ({chosen.length} chosen)</legend>
      <SearchBox label="Search devices" onSearch={setSearch} />
      <ul className="pick-list">
        {devices.map((d) => (
          <li key={d.id}>
            <label className="checkbox">
              <input type="checkbox" checked={chosen.includes(d.id)} onChange={(e) => toggle(d.id, e.target.checked)} />
              {d.name ?? d.serialNumber} <span className="muted">({d.serialNumber} · {d.platform} {d.osVersion})</span>
            </label>
          </li>
        ))}
        {devices.length === 0 ? <li className="muted">No devices match.</li> : null}
      </ul>
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
