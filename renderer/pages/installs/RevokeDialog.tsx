import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField } from '../../components/SelectField';
import { useUsableTokens } from './useUsableTokens';

export interface Holders {
  clientUserIds: string[];
  serialNumbers: string[];
}

interface RevokeDialogProps {
  groupId: number;
  serviceId: number;
  /** The app to take back; null offers only revoking every license of the holders. */
  app: { adamId: string; pricing: 'STDQ' | 'PLUS'; name: string } | null;
  holders: Holders;
  onClose(done: boolean): void;
}

/** The confirmation before licenses are taken back: how many, and that installed apps stop after 30 days. */
export function RevokeDialog({ groupId, serviceId, app, holders, onClose }: RevokeDialogProps) {
  const { tokens, error: tokenError } = useUsableTokens(groupId, serviceId);
  const [action, setAction] = useState<'disassociate' | 'revoke'>(app ? 'disassociate' : 'revoke');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ChannelOutput<'licenses.revoke'> | null>(null);
  const [tokenId, setTokenId] = useState<number | null>(null);
  const count = holders.clientUserIds.length + holders.serialNumbers.length;

  useEffect(() => {
    if (tokens && tokens.length > 0 && tokenId === null) setTokenId(tokens[0]!.tokenId);
  }, [tokens, tokenId]);

  async function confirm() {
    if (tokenId === null) return;
    setBusy(true);
    const answer = await api.licenses.revoke({ groupId, tokenId, action, adamId: app?.adamId ?? null, pricing: app?.pricing ?? 'STDQ', ...holders });
    setBusy(false);
    if (answer.ok) setResult(answer.value);
    else setError(answer.error.message);
  }

  const holdersText = `${count} ${count === 1 ? 'holder' : 'holders'}`;
  if (result) {
    return (
      <Dialog title="Licenses taken back" onClose={() => onClose(true)}>
        <p role="status">
          Took back the licenses of {result.done} of {result.requested}. Sync the service to see the counts change.
        </p>
        {result.failures.length > 0 ? (
          <ul aria-label="Not taken back">
            {result.failures.map((f) => (
              <li key={f.id}>
                {f.id}: {f.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </Dialog>
    );
  }
  return (
    <Dialog title="Take back licenses" onClose={() => onClose(false)} onSubmit={() => void confirm()} submitLabel="Take back" danger submitDisabled={busy || tokenId === null}>
      <ErrorBanner message={error ?? tokenError} />
      {tokens && tokens.length === 0 ? <p role="alert">You may not use this service’s token here, so you cannot take its licenses back.</p> : null}
      {tokens && tokens.length > 1 ? (
        <SelectField label="Token" value={tokenId ?? ''} options={tokens.map((t) => ({ value: t.tokenId, label: t.serviceName }))} onChange={(e) => setTokenId(Number(e.target.value))} />
      ) : null}
      <fieldset className="segmented">
        <legend>What to take back</legend>
        {app ? (
          <label>
            <input type="radio" name="revoke-action" checked={action === 'disassociate'} onChange={() => setAction('disassociate')} /> {app.name} only
          </label>
        ) : null}
        <label>
          <input type="radio" name="revoke-action" checked={action === 'revoke'} onChange={() => setAction('revoke')} /> Every license they hold
        </label>
      </fieldset>
      <p>
        {action === 'disassociate' ? `The license of ${app?.name ?? 'this app'} is taken back from ${holdersText}.` : `Every license of ${holdersText} is taken back.`} An app
        already installed keeps working for 30 days, then stops.
      </p>
    </Dialog>
  );
}
