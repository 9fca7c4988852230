import { useCallback, useEffect, useState } from 'react';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ProgressBar } from '../../components/ProgressBar';
import type { SyncStatus } from './report-types';

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

/** HH:MM on this machine's clock, rounded up: the next try never starts before the time shown. */
function clockTime(iso: string): string {
  const at = new Date(Math.ceil(new Date(iso).getTime() / 60_000) * 60_000);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/** Each service of the report: when its cache was last synced, Sync now, progress and Cancel. */
export function SyncPanel({ groupId, onSynced }: { groupId: number; onSynced(): void }) {
  const [statuses, setStatuses] = useState<SyncStatus[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await api.sync.status({ groupId });
    if (result.ok) setStatuses(result.value);
    setError(result.ok ? null : result.error.message);
  }, [groupId]);

  useEffect(() => {
    void load();
    const offProgress = api.on('jobs.progress', (job) => {
      if (job.kind !== 'sync') return;
      let known = false;
      setStatuses((current) =>
        current.map((s) => {
          if (s.job?.id !== job.id) return s;
          known = true;
          return { ...s, job };
        }),
      );
      // A sync this window did not start (an automatic one): read which service it is for.
      if (!known || job.state !== 'running') void load();
    });
    const offChanged = api.on('sync.changed', () => {
      void load();
      onSynced();
    });
    return () => {
      offProgress();
      offChanged();
    };
  }, [load, onSynced]);

  async function start(serviceId: number) {
    const result = await api.sync.start({ serviceId });
    if (!result.ok) setError(result.error.message);
    else setStatuses((current) => current.map((s) => (s.serviceId === serviceId ? { ...s, job: result.value } : s)));
  }

  if (statuses.length === 0) {
    return <p className="muted">No Managed Distribution service reaches this level yet. Create one on the Managed Distribution tab.</p>;
  }

  return (
    <section className="sync-panel" aria-label="Sync">
      <ErrorBanner message={error} />
      {statuses.map((s) => {
        const running = s.job?.state === 'running' ? s.job : null;
        return (
          <div key={s.serviceId} className="sync-row">
            <div className="sync-name">
              <strong>{s.serviceName}</strong>
              <span className="muted">
                {s.locationName ?? s.groupName} · last synced <span data-testid={`synced-${s.serviceId}`}>{when(s.syncedAt)}</span>
              </span>
              {s.retryAt ? (
                <span className="field-hint" role="status">
                  Apple asked us to wait; the next try is at {clockTime(s.retryAt)}
                </span>
              ) : s.error ? (
                <span className="field-error" role="alert">
                  Last sync failed ({when(s.attemptedAt)}): {s.error}
                </span>
              ) : null}
              {s.otherMdm ? (
                <span className="field-hint" role="status">
                  Apple says {s.otherMdm} now manages this location
                </span>
              ) : null}
            </div>
            {running ? (
              <div className="sync-progress">
                <ProgressBar label={`${running.phase}`} done={running.done} total={running.total} />
                <button type="button" onClick={() => void api.jobs.cancel({ jobId: running.id })}>
                  Cancel
                </button>
              </div>
            ) : s.canSync ? (
              <button type="button" onClick={() => void start(s.serviceId)} aria-label={`Sync ${s.serviceName} now`}>
                Sync now
              </button>
            ) : (
              <span className="muted">Synced by the admins of {s.groupName}</span>
            )}
          </div>
        );
      })}
    </section>
  );
}
