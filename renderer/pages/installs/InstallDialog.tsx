import { useEffect, useState } from 'react';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { serverBlocks } from '../../components/ServerReadinessBanner';
import { ProgressBar } from '../../components/ProgressBar';
import { runningRunOf } from '../../components/running-run';
import { SelectField } from '../../components/SelectField';
import { useJob, type JobState } from '../../hooks/useJob';
import { InviteUsersDialog } from '../distribution/InviteUsersDialog';
import type { LicenseRow } from '../report/report-types';
import { DevicePicker, UserPicker } from './HolderPickers';
import { InstallPreviewTable } from './InstallPreviewTable';
import { InstallResultsTable } from './InstallResultsTable';
import { retryLabel, type InstallPreview, type InstallRequest, type InstallResults, type ServiceView } from './install-types';
import { useUsableTokens } from './useUsableTokens';

interface InstallDialogProps {
  groupId: number;
  groupName: string;
  license: LicenseRow;
  onClose(): void;
}

/**
 * Install… one app at this level: token, target and kind, the eligibility preview, then the
 * install as a job with progress, Cancel, the result table and Retry failed.
 */
export function InstallDialog({ groupId, groupName, license, onClose }: InstallDialogProps) {
  const appName = license.name ?? `Adam ID ${license.adamId}`;
  const { tokens, error: tokenError } = useUsableTokens(groupId, license.serviceId);
  const [tokenId, setTokenId] = useState<number | null>(null);
  const [target, setTarget] = useState<'group' | 'devices' | 'users'>('group');
  const [deviceIds, setDeviceIds] = useState<number[]>([]);
  const [userIds, setUserIds] = useState<number[]>([]);
  const [kind, setKind] = useState<'device' | 'user'>(license.deviceAssignable ? 'device' : 'user');
  const [licensesOnly, setLicensesOnly] = useState(false);
  const [preview, setPreview] = useState<InstallPreview | null>(null);
  // job is null for a run opened from a refusal that no job here carries (interrupted, or another admin's).
  const [started, setStarted] = useState<{ runId: string; job: JobState | null; invited: number } | null>(null);
  const [runningRunId, setRunningRunId] = useState<string | null>(null);
  const [inviting, setInviting] = useState<ServiceView | null>(null);
  const [results, setResults] = useState<InstallResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob(started?.job ?? null);

  useEffect(() => {
    if (tokens && tokens.length > 0 && tokenId === null) setTokenId(tokens[0]!.tokenId);
  }, [tokens, tokenId]);

  const request = (): InstallRequest | null =>
    tokenId === null
      ? null
      : {
          groupId,
          tokenId,
          adamId: license.adamId,
          pricing: license.pricing,
          kind,
          target,
          deviceIds: target === 'devices' ? deviceIds : [],
          userIds: target === 'users' ? userIds : [],
          licensesOnly,
        };

  // Any change of the choices makes the preview stale: it is asked for again.
  useEffect(() => {
    setPreview(null);
  }, [tokenId, target, deviceIds, userIds, kind, licensesOnly]);

  const running = job?.state === 'running';
  useEffect(() => {
    if (!started || !job || job.state === 'running') return;
    void api.installs.results({ runId: started.runId }).then((result) => {
      if (result.ok) setResults(result.value);
      else setError(result.error.message);
    });
  }, [started, job]);

  async function call<T>(work: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>, then: (value: T) => void) {
    setBusy(true);
    const result = await work();
    setBusy(false);
    if (result.ok) {
      setError(null);
      then(result.value);
    } else setError(result.error.message);
  }

  const openInvite = () =>
    void call(
      () => api.services.list({ groupId }),
      (services) => {
        const service = services.find((s) => s.id === license.serviceId);
        if (service) setInviting(service);
        else setError(`${license.serviceName} is not offered at ${groupName}, so its users cannot be invited from here.`);
      },
    );
  const showPreview = () => {
    const r = request();
    if (r) void call(() => api.installs.preview(r), setPreview);
  };
  const install = () => {
    const r = request();
    if (!r) return;
    setBusy(true);
    void api.installs.start(r).then((result) => {
      setBusy(false);
      setRunningRunId(result.ok ? null : runningRunOf(result.error));
      if (result.ok) {
        setError(null);
        setResults(null);
        setStarted(result.value);
      } else setError(result.error.message);
    });
  };
  /** The install already going on these devices: followed through its job when this admin may, else its results. */
  const openRunning = (runId: string) =>
    void call(
      () => api.installs.results({ runId }),
      (value) => {
        const follow = value.run.jobId;
        if (follow) {
          void api.jobs.get({ jobId: follow }).then((job) => {
            setResults(job.ok ? null : value);
            setStarted({ runId, job: job.ok ? job.value : null, invited: 0 });
          });
        } else {
          setResults(value);
          setStarted({ runId, job: null, invited: 0 });
        }
      },
    );
  const retry = () => {
    if (started) void call(() => api.installs.retryFailed({ runId: started.runId }), (value) => {
      setResults(null);
      setStarted(value);
    });
  };

  const noTarget = (target === 'devices' && deviceIds.length === 0) || (target === 'users' && userIds.length === 0);
  const canInstall = preview !== null && preview.counts.installs + preview.counts.licenseOnly > 0 && !serverBlocks(preview.mdm) && !busy;
  const phase = started === null ? 'choose' : 'run';
  const failed = results ? results.run.failed : 0;
  const notReached = results ? results.run.commandsNotReached : 0;

  // Invite Users is a sibling dialog, not a child: a form inside a form is not valid HTML.
  return (
    <>
      <Dialog
        title={`Install ${appName}`}
        onClose={onClose}
        wide
        onSubmit={phase === 'choose' ? (preview ? install : showPreview) : undefined}
        submitLabel={preview ? 'Install' : 'Preview'}
        submitDisabled={phase === 'choose' && (busy || tokenId === null || noTarget || (preview !== null && !canInstall))}
      >
        <ErrorBanner message={error ?? tokenError} />
        {phase === 'choose' && runningRunId ? (
          <div className="toolbar">
            <button type="button" onClick={() => openRunning(runningRunId)}>
              Open the running one
            </button>
          </div>
        ) : null}
        {phase === 'choose' ? (
          <>
            {tokens && tokens.length === 0 ? (
              <p className="banner banner-warning" role="alert">
                You may not use a token of {license.serviceName} in {groupName}: only direct admins of the service’s group can install with its active token.
              </p>
            ) : null}
            <SelectField
              label="Token"
              value={tokenId ?? ''}
              options={(tokens ?? []).map((t) => ({ value: t.tokenId, label: `${t.serviceName} · ${t.locationName || t.groupName}` }))}
              onChange={(e) => setTokenId(Number(e.target.value))}
            />
            <fieldset className="segmented">
              <legend>Install on</legend>
              <label>
                <input type="radio" name="install-target" checked={target === 'group'} onChange={() => setTarget('group')} /> Every device in {groupName} and below
              </label>
              <label>
                <input type="radio" name="install-target" checked={target === 'devices'} onChange={() => setTarget('devices')} /> Chosen devices
              </label>
              <label>
                <input type="radio" name="install-target" checked={target === 'users'} onChange={() => setTarget('users')} /> Chosen users’ devices
              </label>
            </fieldset>
            {target === 'devices' ? <DevicePicker groupId={groupId} chosen={deviceIds} onChange={setDeviceIds} error={noTarget ? 'Choose at least one device.' : undefined} /> : null}
            {target === 'users' ? <UserPicker groupId={groupId} chosen={userIds} onChange={setUserIds} error={noTarget ? 'Choose at least one user.' : undefined} /> : null}
            <fieldset className="segmented">
              <legend>Assign licenses to</legend>
              <label>
                <input type="radio" name="install-kind" checked={kind === 'device'} disabled={!license.deviceAssignable} onChange={() => setKind('device')} /> Devices
                {license.deviceAssignable ? '' : ' (this app can only be assigned to users)'}
              </label>
              <label>
                <input type="radio" name="install-kind" checked={kind === 'user'} onChange={() => setKind('user')} /> Users of the devices
              </label>
            </fieldset>
            <label className="checkbox">
              <input type="checkbox" checked={licensesOnly} onChange={(e) => setLicensesOnly(e.target.checked)} /> Assign licenses only
              <span className="muted"> — no install commands through the MDM server; install the app later.</span>
            </label>
            {preview ? (
              <>
                <InstallPreviewTable preview={preview} />
                {preview.notAssociatedUserIds.length > 0 ? (
                  <p className="muted">
                    {preview.notAssociatedUserIds.length} {preview.notAssociatedUserIds.length === 1 ? 'user has' : 'users have'} not joined Apple’s managed
                    distribution yet. Invite them first, then install again once they have accepted.{' '}
                    <button type="button" onClick={openInvite} disabled={busy}>
                      Invite Users…
                    </button>
                  </p>
                ) : null}
              </>
            ) : null}
          </>
        ) : (
          <>
            {job ? <ProgressBar label={job.phase} done={job.done} total={job.total} unit="licenses and install commands" /> : null}
            {running ? (
              <button type="button" onClick={() => void api.jobs.cancel({ jobId: job.id })}>
                Cancel install
              </button>
            ) : null}
            {!job && results ? (
              <p role="status">
                {results.run.state === 'interrupted'
                  ? 'This install was interrupted. Resume goes on where it stopped, without asking Apple twice.'
                  : results.run.state === 'running'
                    ? 'This install is still running; its results show in Recent installs once it ends.'
                    : `This install has ended: ${results.run.assigned} licensed, ${results.run.commandsQueued} install commands sent, ${results.run.failed} failed.`}
              </p>
            ) : null}
            {job && job.state !== 'running' ? (
              <p role="status">
                {job.state === 'succeeded'
                  ? `Finished: ${results?.run.assigned ?? 0} licensed, ${results?.run.commandsQueued ?? 0} install commands sent, ${notReached} queued but not reached, ${failed} failed.`
                  : job.state === 'cancelled'
                    ? 'Cancelled. Licenses already confirmed stay assigned; Retry failed goes on from here.'
                    : (job.message ?? 'The install stopped.')}
              </p>
            ) : null}
            {started && started.invited > 0 ? (
              <p className="muted">
                {started.invited} {started.invited === 1 ? 'user who has' : 'users who have'} not joined yet {started.invited === 1 ? 'was' : 'were'} sent Apple’s invitation.
              </p>
            ) : null}
            {results ? <InstallResultsTable rows={results.rows} /> : null}
            {job && job.state !== 'running' && (failed > 0 || notReached > 0 || job.state !== 'succeeded') ? (
              <button type="button" disabled={busy} onClick={retry}>
                {job.state === 'succeeded' ? retryLabel(failed, notReached) : 'Retry failed'}
              </button>
            ) : null}
            {!job && results && results.run.state !== 'running' && (results.run.state !== 'finished' || failed > 0 || notReached > 0) ? (
              <button type="button" disabled={busy} onClick={retry}>
                {results.run.state === 'finished' ? 'Retry failed' : 'Resume'}
              </button>
            ) : null}
          </>
        )}
      </Dialog>
      {inviting ? <InviteUsersDialog service={inviting} groupId={groupId} groupName={groupName} onClose={() => setInviting(null)} /> : null}
    </>
  );
}
