import { commandLabels, licenseLabels, type InstallResults } from './install-types';

/** One row per device of an install: its license, its install command, and why one failed. */
export function InstallResultsTable({ rows }: { rows: InstallResults['rows'] }) {
  return (
    <table className="plain-table" aria-label="Install results">
      <thead>
        <tr>
          <th scope="col">Device</th>
          <th scope="col">User</th>
          <th scope="col">License</th>
          <th scope="col">Install command</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${row.deviceId ?? 'gone'}:${index}`}>
            <td>{row.deviceName ? `${row.deviceName} (${row.serialNumber ?? '—'})` : (row.serialNumber ?? 'Device no longer in the directory')}</td>
            <td>{row.userName ?? '—'}</td>
            <td>{licenseLabels[row.license]}</td>
            <td>{row.command ? commandLabels[row.command] : '—'}</td>
            <td>{row.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
