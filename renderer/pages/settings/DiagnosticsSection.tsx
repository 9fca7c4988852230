import { useState } from 'react';
import type { ApiError } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';

/**
 * Hands `text` to the browser as a downloaded file.
 *
 * A data: link rather than a blob: one, because the desktop window's resource filter lets
 * data: through and refuses blob:.
 */
function saveAs(fileName: string, text: string): void {
  const link = document.createElement('a');
  link.href = `data:application/json;charset=utf-8,${encodeURIComponent(text)}`;
  link.download = fileName;
  link.click();
}

/**
 * "Download diagnostics": the report Help → Export Diagnostics saves on the desktop, offered
 * here as a file so browser mode has it too.
 *
 * The report carries the whole district's recent audit entries, so main gives it to
 * organization admins only; others are told so instead of shown a button that fails.
 */
export function DiagnosticsSection({ editable }: { editable: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function download() {
    setBusy(true);
    const result = await api.app.diagnostics({});
    setBusy(false);
    setError(result.ok ? null : result.error);
    if (result.ok) saveAs(result.value.fileName, result.value.text);
  }

  return (
    <section className="settings-section" aria-labelledby="settings-diagnostics-title">
      <h2 id="settings-diagnostics-title" className="section-title">
        Diagnostics
      </h2>
      <p className="muted">
        For support: app and system versions, the database&apos;s version and row counts, the last 200 audit entries and the
        settings. Tokens, passwords, API keys, invitation codes and login names are never included.
      </p>
      {editable ? (
        <div className="toolbar">
          <button type="button" disabled={busy} onClick={() => void download()}>
            {busy ? 'Preparing…' : 'Download diagnostics'}
          </button>
        </div>
      ) : (
        <p className="muted">Only a direct admin of the organization can download diagnostics.</p>
      )}
      <ErrorBanner message={error?.message} />
    </section>
  );
}
