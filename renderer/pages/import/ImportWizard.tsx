import { useState } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ProgressBar } from '../../components/ProgressBar';
import { useJob, type JobState } from '../../hooks/useJob';
import type { GroupNode } from '../../store/tree-store';
import { readRosterFiles, type RosterFile } from './read-files';

type Check = ChannelOutput<'import.check'>;
type Problem = Check['problems'][number];

const SUMMARY_LABELS: Record<string, string> = { schools: 'Schools', classes: 'Classes', users: 'Users', devices: 'Devices' };

function ProblemList({ title, problems }: { title: string; problems: Problem[] }) {
  return (
    <div className="problem-list">
      <h3>{title}</h3>
      <ul aria-label={title}>
        {problems.map((p, i) => (
          <li key={i}>
            <strong>
              {p.file}
              {p.line !== null ? ` line ${p.line}` : ''}:
            </strong>{' '}
            {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Summary({ job }: { job: JobState }) {
  return (
    <table className="plain-table" aria-label="Import summary">
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">Created</th>
          <th scope="col">Updated</th>
          <th scope="col">Unchanged</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(job.summary ?? {}).map(([kind, counts]) => (
          <tr key={kind}>
            <th scope="row">{SUMMARY_LABELS[kind] ?? kind}</th>
            <td>{counts.created ?? 0}</td>
            <td>{counts.updated ?? 0}</td>
            <td>{counts.unchanged ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Apple School Manager import: choose the files, read the check report, import with progress,
 * read the summary. Nothing is written until the files pass every check.
 */
export function ImportWizard({ group, onClose }: { group: GroupNode; onClose(): void }) {
  const [files, setFiles] = useState<RosterFile[]>([]);
  const [check, setCheck] = useState<Check | null>(null);
  const [started, setStarted] = useState<JobState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob(started);

  async function choose(list: FileList | null) {
    if (!list) return;
    setCheck(null);
    setError(null);
    setFiles(await readRosterFiles(list));
  }

  const payload = () => ({ parentGroupId: group.id, files: files.map(({ name, base64 }) => ({ name, base64 })) });

  async function runCheck() {
    setBusy(true);
    const result = await api.import.check(payload());
    setBusy(false);
    if (result.ok) setCheck(result.value);
    else setError(result.error.message);
  }

  async function runImport() {
    setBusy(true);
    const result = await api.import.start(payload());
    setBusy(false);
    if (result.ok) setStarted(result.value);
    else setError(result.error.message);
  }

  const valid = check !== null && check.problems.length === 0;
  const finished = job !== null && job.state !== 'running';

  let body;
  if (job) {
    body = (
      <>
        {job.state === 'running' ? <ProgressBar label={job.phase} done={job.done} total={job.total} /> : null}
        {job.state === 'succeeded' ? (
          <>
            <p role="status">Import finished: {files.map((f) => f.name).join(', ')}.</p>
            <Summary job={job} />
          </>
        ) : null}
        <ErrorBanner message={job.state === 'failed' || job.state === 'cancelled' ? job.message : null} />
      </>
    );
  } else {
    body = (
      <>
        <p className="lead">
          Choose the CSV files you upload to Apple School Manager (locations, students, staff, courses, classes, rosters) and, if you
          have one, devices.csv. Schools are created under <strong>{group.name}</strong>. Files with any problem import nothing.
        </p>
        <div className="file-pickers">
          <label className="file-button">
            Choose files…
            <input type="file" accept=".csv,text/csv" multiple onChange={(e) => void choose(e.target.files)} aria-label="Choose CSV files" />
          </label>
          <label className="file-button">
            Choose a folder…
            <input
              type="file"
              multiple
              onChange={(e) => void choose(e.target.files)}
              aria-label="Choose a folder"
              {...{ webkitdirectory: '' }}
            />
          </label>
        </div>
        {files.length > 0 ? (
          <ul className="file-list" aria-label="Chosen files">
            {files.map((f) => (
              <li key={f.name}>
                {f.name} <span className="muted">({Math.ceil(f.size / 1024).toLocaleString()} KB)</span>
              </li>
            ))}
          </ul>
        ) : null}
        <ErrorBanner message={error} />
        {check && check.problems.length > 0 ? (
          <>
            <div className="banner banner-error" role="alert">
              {check.problems.length} problem{check.problems.length === 1 ? '' : 's'} found. Nothing was imported; fix the files and check them again.
            </div>
            <ProblemList title="Problems" problems={check.problems} />
          </>
        ) : null}
        {valid ? (
          <>
            <p role="status" className="banner banner-ok">
              The files are valid: {Object.entries(check.rows).map(([file, rows]) => `${file} ${rows.toLocaleString()} rows`).join(', ')}.
            </p>
            {check.warnings.length > 0 ? <ProblemList title="Warnings" problems={check.warnings} /> : null}
          </>
        ) : null}
      </>
    );
  }

  return (
    <Dialog
      title="Import from Apple School Manager"
      onClose={onClose}
      wide
      onSubmit={finished || job ? undefined : () => void (valid ? runImport() : runCheck())}
      submitLabel={valid ? 'Import' : 'Check files'}
      submitDisabled={busy || files.length === 0}
    >
      {body}
    </Dialog>
  );
}
