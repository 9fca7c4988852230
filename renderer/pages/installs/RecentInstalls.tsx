import { useEffect, useState } from 'react';
import { api } from '../../bridge/api';
import { retryLabel, type InstallRunView } from './install-types';

const stateLabels: Record<InstallRunView['state'], string> = {
  running: 'Running',
  interrupted: 'Interrupted',
  finished: 'Finished',
  cancelled: 'Cancelled',
};

/** The latest installs of one app: who, when, and how they went; an interrupted one can go on. */
export function RecentInstalls({ groupId, serviceId, adamId }: { groupId: number; serviceId: number; adamId: string }) {
  const [runs, setRuns] = useState<InstallRunView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    void api.installs.runs({ groupId }).then((result) => {
      if (current && result.ok) setRuns(result.value.filter((r) => r.serviceId === serviceId && r.adamId === adamId));
    });
    const off = api.on('jobs.progress', (job) => {
      if (job.kind === 'install' && job.state !== 'running') setVersion((v) => v + 1);
    });
    return () => {
      current = false;
      off();
    };
  }, [groupId, serviceId, adamId, version]);

  if (runs.length === 0) return null;
  const resume = (runId: string) =>
    void api.installs.retryFailed({ runId }).then((result) => (result.ok ? setVersion((v) => v + 1) : setError(result.error.message)));
  return (
    <section aria-label="Recent installs">
      <h3>Recent installs</h3>
      {error ? <p role="alert">{error}</p> : null}
      <table className="plain-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">By</th>
            <th scope="col">Kind</th>
            <th scope="col">State</th>
            <th scope="col">Licensed</th>
            <th scope="col">Commands sent</th>
            <th scope="col">Not reached</th>
            <th scope="col">Failed</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.runId}>
              <td>{new Date(run.createdAt).toLocaleString()}</td>
              <td>{run.adminName ?? '—'}</td>
              <td>
                {run.kind === 'device' ? 'Devices' : 'Users'}
                {run.licensesOnly ? ', licenses only' : ''}
              </td>
              <td>{stateLabels[run.state]}</td>
              <td>{run.assigned}</td>
              <td>{run.commandsQueued}</td>
              <td>{run.commandsNotReached}</td>
              <td>{run.failed}</td>
              <td>
                {run.state === 'interrupted' || run.state === 'cancelled' || (run.state === 'finished' && run.failed + run.commandsNotReached > 0) ? (
                  <button type="button" onClick={() => resume(run.runId)}>
                    {run.state === 'finished' ? retryLabel(run.failed, run.commandsNotReached) : 'Resume'}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
