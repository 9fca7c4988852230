import { ServerReadinessBanner } from '../../components/ServerReadinessBanner';
import type { InstallPreview } from './install-types';

const outcomeLabels: Record<InstallPreview['items'][number]['outcome'], string> = {
  install: 'License and install',
  'license-only': 'License only',
  refused: 'Not installed',
};

/** What the install would do, device by device, with every reason; first, an MDM server that cannot take the commands. */
export function InstallPreviewTable({ preview }: { preview: InstallPreview }) {
  const { counts } = preview;
  return (
    <>
      <ServerReadinessBanner
        server="MDM server"
        readiness={preview.mdm}
        consequence="Nothing is asked of Apple until the install commands can be delivered: fix the MDM server in Settings, or choose “Assign licenses only”."
      />
      {preview.otherMdm ? (
        <p className="banner banner-warning" role="alert">
          Apple says {preview.otherMdm} now manages this location. Only one server should manage a location at a time: check with whoever runs{' '}
          {preview.otherMdm} before installing from here, or take the location back on the Managed Distribution page.
        </p>
      ) : null}
      <p role="status">
        {counts.devices} {counts.devices === 1 ? 'device' : 'devices'}: {counts.installs} to install, {counts.licenseOnly} license only, {counts.refused} not
        installed. Licenses needed: {counts.licensesNeeded}; available: {counts.available === null ? 'unlimited' : counts.available}.
      </p>
      {counts.short > 0 ? (
        <p className="banner banner-warning">
          {counts.short} {counts.short === 1 ? 'license is' : 'licenses are'} short. You can install on the devices there are licenses for; the others are
          listed as not installed.
        </p>
      ) : null}
      <table className="plain-table" aria-label="Install preview">
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">User</th>
            <th scope="col">System</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reasons</th>
          </tr>
        </thead>
        <tbody>
          {preview.items.map((item) => (
            <tr key={item.deviceId}>
              <td>
                {item.deviceName ?? 'Unnamed device'} ({item.serialNumber})
              </td>
              <td>{item.userName ?? '—'}</td>
              <td>
                {item.platform} {item.osVersion}
              </td>
              <td>{outcomeLabels[item.outcome]}</td>
              <td>{item.reasons.map((r) => r.message).join(' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
