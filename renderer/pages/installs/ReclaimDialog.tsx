import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RevokeDialog } from './RevokeDialog';

type Suggestion = ChannelOutput<'licenses.reclaimSuggestions'>[number];

const whyLabels: Record<Suggestion['why'], string> = {
  'retired-user': 'Held by a retired Apple user',
  'device-gone': 'Held by a device no longer in the directory',
};

/** Licenses worth taking back, from the offline cache: retired users and devices that are gone. */
export function ReclaimDialog({ groupId, onClose }: { groupId: number; onClose(): void }) {
  const [rows, setRows] = useState<Suggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [taking, setTaking] = useState<Suggestion | null>(null);

  useEffect(() => {
    void api.licenses.reclaimSuggestions({ groupId }).then((result) => (result.ok ? setRows(result.value) : setError(result.error.message)));
  }, [groupId, taking]);

  return (
    <>
      <Dialog title="Reclaim suggestions" onClose={onClose} wide>
        <ErrorBanner message={error} />
        {rows && rows.length === 0 ? <p>No licenses to reclaim: none is held by a retired user or by a device that left the directory.</p> : null}
        {rows && rows.length > 0 ? (
          <table className="plain-table" aria-label="Licenses to reclaim">
            <thead>
              <tr>
                <th scope="col">App or book</th>
                <th scope="col">Holder</th>
                <th scope="col">Why</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.serviceId}:${row.adamId}:${row.clientUserId ?? row.serialNumber}`}>
                  <td>{row.appName ?? `Adam ID ${row.adamId}`}</td>
                  <td>{row.serialNumber ?? row.clientUserId}</td>
                  <td>{whyLabels[row.why]}</td>
                  <td>
                    <button type="button" onClick={() => setTaking(row)}>
                      Take back…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Dialog>
      {taking ? (
        <RevokeDialog
          groupId={groupId}
          serviceId={taking.serviceId}
          app={{ adamId: taking.adamId, pricing: taking.pricing === 'PLUS' ? 'PLUS' : 'STDQ', name: taking.appName ?? `Adam ID ${taking.adamId}` }}
          holders={{ clientUserIds: taking.clientUserId ? [taking.clientUserId] : [], serialNumbers: taking.serialNumber ? [taking.serialNumber] : [] }}
          onClose={() => setTaking(null)}
        />
      ) : null}
    </>
  );
}
