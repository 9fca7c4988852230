import { useEffect, useId, useState } from 'react';
import type { ApiError } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ServerReadinessBanner, serverBlocks } from '../../components/ServerReadinessBanner';
import { ProgressBar } from '../../components/ProgressBar';
import { runningRunOf } from '../../components/running-run';
import { useJob, type JobState } from '../../hooks/useJob';
import { audiences, channelLabels, stateLabels, type Audience, type InvitationPreview, type InvitationRun } from './invite-labels';
import type { ServiceView } from './token-labels';

interface Props {
  service: ServiceView;
  groupId: number;
  groupName: string;
  onClose(): void;
}

/**
 * Invite Users: who and how, a preview of who is reached and who is left out and why, then the
 * run's progress (cancellable) and its per-user results with Retry failed.
 */
export function InviteUsersDialog({ service, groupId, groupName, onClose }: Props) {
  const id = useId();
  const [audience, setAudience] = useState<Audience>('all');
  const [byEmail, setByEmail] = useState(true);
  const [byDevice, setByDevice] = useState(false);
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [started, setStarted] = useState<Started | null>(null);
  const [starting, setStarting] = useState(false);
  const options = { serviceId: service.id, groupId, audience, byEmail, byDevice };
  const noChannel = !byEmail && !byDevice;

  useEffect(() => {
    if (started || noChannel) return;
    let current = true;
    void api.invitations.preview({ serviceId: service.id, groupId, audience, byEmail, byDevice }).then((result) => {
      if (!current) return;
      setPreview(result.ok ? result.value : null);
      setError(result.ok ? null : result.error);
    });
    return () => {
      current = false;
    };
  }, [service.id, groupId, audience, byEmail, byDevice, started, noChannel]);

  async function start() {
    setStarting(true);
    const result = await api.invitations.start(options);
    setStarting(false);
    if (result.ok) setStarted(result.value);
    else setError(result.error);
  }

  /** Another run already invites these people: its progress and results, with its job when this admin may follow it. */
  async function openRunning(runId: string) {
    const run = await api.invitations.results({ runId });
    if (!run.ok) {
      setError(run.error);
      return;
    }
    const job = run.value.jobId ? await api.jobs.get({ jobId: run.value.jobId }) : null;
    setStarted({ runId, job: job?.ok ? job.value : null });
  }

  const runningRunId = runningRunOf(error);

  if (started) {
    return <InvitationProgress key={started.runId} started={started} serviceName={service.name} onRetry={setStarted} onClose={onClose} />;
  }

  return (
    <Dialog
      title={`Invite Users — ${service.name}`}
      onClose={onClose}
      onSubmit={() => void start()}
      submitLabel={starting ? 'Starting…' : 'Invite Users'}
      submitDisabled={starting || noChannel || !preview || preview.users + preview.registeredDirectly === 0 || serverBlocks(preview.mdm) || serverBlocks(preview.mail)}
      wide
    >
      <p className="lead">
        Invites the users with devices in {groupName} and below to receive this service's apps and books. Apple registers each person,
        and they accept the invitation with their Apple ID.
      </p>
      <fieldset>
        <legend>Who</legend>
        {audiences.map((a) => (
          <label key={a.value} className="checkbox">
            <input type="radio" name={`${id}-audience`} value={a.value} checked={audience === a.value} onChange={() => setAudience(a.value)} />
            {a.label} <span className="muted">— {a.hint}</span>
          </label>
        ))}
      </fieldset>
      <fieldset aria-describedby={noChannel ? `${id}-channel-error` : undefined}>
        <legend>How</legend>
        <label className="checkbox">
          <input type="checkbox" checked={byEmail} onChange={(e) => setByEmail(e.target.checked)} />
          Send Email Invitations
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={byDevice} onChange={(e) => setByDevice(e.target.checked)} />
          Send invitation to devices through the MDM server
        </label>
        {noChannel ? (
          <p className="field-error" id={`${id}-channel-error`} role="alert">
            Choose at least one way to send the invitations.
          </p>
        ) : null}
      </fieldset>
      <ErrorBanner message={error?.message} />
      {runningRunId ? (
        <div className="toolbar">
          <button type="button" onClick={() => void openRunning(runningRunId)}>
            Open the running one
          </button>
        </div>
      ) : null}
      {preview && !noChannel ? <PreviewSummary preview={preview} /> : null}
    </Dialog>
  );
}

function PreviewSummary({ preview }: { preview: InvitationPreview }) {
  return (
    <section aria-label="Preview" className="invite-preview">
      <ServerReadinessBanner
        server="MDM server"
        readiness={preview.mdm}
        consequence="Invitations cannot go to devices, and nobody is registered with Apple for them: fix the MDM server in Settings, or send the invitations by email only."
      />
      <ServerReadinessBanner
        server="mail server"
        readiness={preview.mail}
        consequence="Invitation emails cannot go out, and nobody is registered with Apple for them: fix email in Settings, or send the invitations to devices only."
      />
      <p role="status">
        <strong>{preview.users}</strong> {preview.users === 1 ? 'user' : 'users'} will be invited: {preview.byEmail} by email, {preview.byDevice} on{' '}
        {preview.devices} {preview.devices === 1 ? 'device' : 'devices'}.
      </p>
      {preview.registeredDirectly > 0 ? (
        <p role="status" aria-label="Registered directly">
          <strong>{preview.registeredDirectly}</strong> registered directly: {preview.registeredDirectly === 1 ? 'a person' : 'people'} with a Managed
          Apple Account {preview.registeredDirectly === 1 ? 'gets' : 'get'} no invitation; Apple associates them at once.
        </p>
      ) : null}
      {preview.skipped.length > 0 ? (
        <table className="plain-table" aria-label="Skipped users">
          <thead>
            <tr>
              <th scope="col">Skipped because</th>
              <th scope="col">Users</th>
              <th scope="col">For example</th>
            </tr>
          </thead>
          <tbody>
            {preview.skipped.map((s) => (
              <tr key={s.reason}>
                <td>{s.label}</td>
                <td>{s.count}</td>
                <td>{s.sample.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** A run and, when this admin may follow it here, the job carrying it. */
type Started = { runId: string; job: JobState | null };

/** Without a job to follow (another admin's run), the results are read again this often while the run goes on. */
const RUN_POLL_MS = 2000;

function InvitationProgress({
  started,
  serviceName,
  onRetry,
  onClose,
}: {
  started: Started;
  serviceName: string;
  onRetry(next: Started): void;
  onClose(): void;
}) {
  const job = useJob(started.job);
  const [run, setRun] = useState<InvitationRun | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [polls, setPolls] = useState(0);
  const running = job ? job.state === 'running' : run?.state === 'running';

  useEffect(() => {
    void api.invitations.results({ runId: started.runId }).then((result) => {
      if (result.ok) setRun(result.value);
      else setError(result.error);
    });
  }, [started.runId, job?.phase, job?.state, polls]);

  useEffect(() => {
    if (job || run?.state !== 'running') return;
    const timer = setTimeout(() => setPolls((n) => n + 1), RUN_POLL_MS);
    return () => clearTimeout(timer);
  }, [job, run]);

  async function retry() {
    const result = await api.invitations.retryFailed({ runId: started.runId });
    if (result.ok) onRetry(result.value);
    else setError(result.error);
  }

  const counts = run?.counts;
  return (
    <Dialog title={`Invite Users — ${serviceName}`} onClose={onClose} wide>
      {counts ? (
        <>
          <ProgressBar label="Invitations" done={counts.registered + counts.emailed + counts.pushed + counts.notReached + counts.failed} total={counts.total} />
          <p role="status" aria-label="Invitation counts">
            Created {counts.created} · Registered directly {counts.registered} · Emailed {counts.emailed} · Pushed {counts.pushed}
            {counts.notReached > 0 ? ` · Queued, not reached ${counts.notReached}` : ''} · Failed {counts.failed} of {counts.total}
            {counts.skipped > 0 ? ` · Skipped ${counts.skipped}` : ''}
          </p>
          {running && run?.message ? (
            <p role="status" aria-label="Waiting for Apple">
              {run.message}
            </p>
          ) : null}
        </>
      ) : null}
      {job && job.state !== 'running' && job.message ? <ErrorBanner message={job.message} /> : null}
      <ErrorBanner message={error?.message} />
      <div className="toolbar">
        {running && job ? (
          <button type="button" onClick={() => void api.jobs.cancel({ jobId: job.id })}>
            Cancel
          </button>
        ) : null}
        {!running && counts && counts.failed + counts.notReached > 0 ? (
          <button type="button" className="primary" onClick={() => void retry()}>
            Retry failed
          </button>
        ) : null}
      </div>
      {run && !running ? (
        <table className="plain-table" aria-label="Invitation results">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">How</th>
              <th scope="col">To</th>
              <th scope="col">Result</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {run.rows.map((r) => (
              <tr key={`${r.userId}-${r.channel}-${r.target}`}>
                <td>{r.name}</td>
                <td>{channelLabels[r.channel]}</td>
                <td>{r.target || '—'}</td>
                <td>{r.channel === 'apple' && r.state === 'sent' ? 'Registered with Apple' : stateLabels[r.state]}</td>
                <td>{r.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Dialog>
  );
}
