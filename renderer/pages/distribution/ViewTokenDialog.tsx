import { useState } from 'react';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDay, statusLabels, type ServiceView, type TokenView } from './token-labels';

/**
 * View Token: what the app knows of a token, and the secret behind Reveal and Copy.
 *
 * The secret lives only in this dialog's state: closing it unmounts the dialog and the text
 * goes with it.
 */
export function ViewTokenDialog({ service, token, onClose }: { service: ServiceView; token: TokenView; onClose(): void }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function fetchSecret(): Promise<string | null> {
    if (secret) return secret;
    const result = await api.tokens.reveal({ tokenId: token.id });
    if (!result.ok) {
      setError(result.error.message);
      return null;
    }
    return result.value.secret;
  }

  async function reveal() {
    setSecret(await fetchSecret());
  }

  async function copy() {
    const text = await fetchSecret();
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
      setMessage('The token was copied to the clipboard.');
    } catch {
      setError('The clipboard is not available here. Reveal the token and copy it by hand.');
    }
  }

  const rows: [string, string][] = [
    ['Service', service.name],
    ['Organization', token.orgName],
    ['Apple location', token.locationName],
    ['Expires', formatDay(token.expiresAt)],
    ['Status', `${statusLabels[token.status]}${token.active ? ' · active' : ''}`],
    ['Fingerprint', token.fingerprint],
    ['Added', `${formatDay(token.addedAt)}${token.addedBy ? ` by ${token.addedBy}` : ''}`],
  ];

  return (
    <Dialog title={`Token of ${service.name}`} onClose={onClose} wide>
      <ErrorBanner message={error} />
      <dl className="details">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {service.directAdmin ? (
        <div className="field">
          <span className="field-label" id="secret-label">
            Service token
          </span>
          <pre className="secret" aria-labelledby="secret-label" data-testid="token-secret">
            {secret ?? '••••••••••••••••••••••••••••••••'}
          </pre>
          <div className="row-actions">
            <button type="button" onClick={() => void reveal()} disabled={secret !== null}>
              Reveal
            </button>
            <button type="button" onClick={() => void copy()}>
              Copy
            </button>
          </div>
          {message ? <p role="status">{message}</p> : null}
          <p className="field-hint">Every reveal and copy is recorded in the audit log.</p>
        </div>
      ) : (
        <p className="muted">Only a direct admin of {service.groupName} can reveal this token.</p>
      )}
    </Dialog>
  );
}
