import { useId, useRef, useState, type DragEvent } from 'react';
import type { ApiError } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { TakeOverDialog } from './TakeOverDialog';
import { takeOverAsked, type ServiceView } from './token-labels';

/**
 * Add Token: paste the token (or drop or choose the .vpptoken file), optionally make it
 * active. Main checks it locally and then with Apple; the check can be cancelled.
 * `initialText` is a .vpptoken file the admin opened with the app.
 */
export function AddTokenDialog({ service, initialText = '', onClose }: { service: ServiceView; initialText?: string; onClose(): void }) {
  const id = useId();
  const [text, setText] = useState(initialText);
  const [makeActive, setMakeActive] = useState(service.activeTokenId === null);
  const [error, setError] = useState<ApiError | null>(null);
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [otherMdm, setOtherMdm] = useState<string | null>(null);
  const checkId = useRef<string | null>(null);

  async function readFile(file: File | undefined) {
    if (file) setText(await file.text());
  }

  async function submit(takeOver = false) {
    checkId.current = crypto.randomUUID();
    setChecking(true);
    setError(null);
    const result = await api.tokens.add({ serviceId: service.id, token: text, makeActive, checkId: checkId.current, takeOver });
    setChecking(false);
    checkId.current = null;
    setOtherMdm(null);
    if (!result.ok) {
      const asked = takeOverAsked(result.error);
      if (asked) setOtherMdm(asked);
      else setError(result.error);
      return;
    }
    setText('');
    if (result.value.warnings.length === 0) onClose();
    else setWarnings(result.value.warnings);
  }

  function cancel() {
    if (checkId.current) void api.tokens.cancelCheck({ checkId: checkId.current });
    else onClose();
  }

  if (otherMdm) {
    return <TakeOverDialog otherMdm={otherMdm} busy={checking} onTakeOver={() => void submit(true)} onClose={() => setOtherMdm(null)} />;
  }

  if (warnings) {
    return (
      <Dialog title={`Token added to ${service.name}`} onClose={onClose}>
        <p role="status">The token was added.</p>
        {warnings.map((w) => (
          <div key={w} className="banner banner-warning-box" role="alert">
            {w}
          </div>
        ))}
      </Dialog>
    );
  }

  return (
    <Dialog
      title={`Add token to ${service.name}`}
      onClose={cancel}
      onSubmit={() => void submit()}
      submitLabel={checking ? 'Checking with Apple…' : 'Add Token'}
      submitDisabled={checking || text.trim() === ''}
      wide
    >
      <p className="lead">
        Open the <code>.vpptoken</code> file you downloaded from Apple School Manager (Settings → Payments and Billing → Apps and
        Books) and paste its content, or drop the file here.
      </p>
      <div className="field">
        <label htmlFor={`${id}-token`}>Service token</label>
        <textarea
          id={`${id}-token`}
          className="token-input"
          rows={6}
          spellCheck={false}
          autoComplete="off"
          autoFocus
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e: DragEvent) => {
            e.preventDefault();
            void readFile(e.dataTransfer.files[0]);
          }}
          disabled={checking}
        />
        {error ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error.message}
          </p>
        ) : null}
      </div>
      <label className="file-button inline">
        Choose a .vpptoken file…
        <input type="file" accept=".vpptoken,text/plain" aria-label="Choose a .vpptoken file" onChange={(e) => void readFile(e.target.files?.[0])} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={makeActive} onChange={(e) => setMakeActive(e.target.checked)} disabled={checking} />
        Make Active
      </label>
      <p className="field-hint">Only the active token of a service is offered to install apps and invite users.</p>
      {checking ? (
        <div className="checking" role="status">
          <progress aria-label="Checking the token with Apple" />
          <span>Checking the token with Apple… Cancel stops the check; nothing is stored.</span>
        </div>
      ) : null}
    </Dialog>
  );
}
