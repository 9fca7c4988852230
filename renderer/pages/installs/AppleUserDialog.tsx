import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { AppleUserRow } from '../report/report-types';
import { RevokeDialog } from './RevokeDialog';
import { useUsableTokens } from './useUsableTokens';

/**
 * One Apple user of a service: revoke every license they hold, or retire them.
 *
 * Retiring ends the user's link to Apple's managed distribution; their licenses go back
 * with it, so the confirmation says so.
 */
export function AppleUserDialog({ groupId, user, onClose }: { groupId: number; user: AppleUserRow; onClose(): void }) {
  const { tokens, error: tokenError } = useUsableTokens(groupId, user.serviceId);
  const [revoking, setRevoking] = useState(false);
  const [confirmRetire, setConfirmRetire] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retired, setRetired] = useState<ChannelOutput<'licenses.retireUsers'> | null>(null);
  const [tokenId, setTokenId] = useState<number | null>(null);
  const name = user.userName ?? user.email ?? user.clientUserId;

  useEffect(() => {
    if (tokens && tokens.length > 0) setTokenId(tokens[0]!.tokenId);
  }, [tokens]);

  async function retire() {
    if (tokenId === null) return;
    setBusy(true);
    const answer = await api.licenses.retireUsers({ groupId, tokenId, clientUserIds: [user.clientUserId] });
    setBusy(false);
    if (answer.ok) setRetired(answer.value);
    else setError(answer.error.message);
  }

  const mayUse = tokenId !== null && user.status !== 'Retired';
  return (
    <>
      <Dialog title={`Apple user ${name}`} onClose={onClose} onSubmit={confirmRetire ? () => void retire() : undefined} submitLabel="Retire" danger submitDisabled={busy || !mayUse || retired !== null}>
        <ErrorBanner message={error ?? tokenError} />
        <p>
          {user.serviceName} · {user.status} · {user.licenseCount} {user.licenseCount === 1 ? 'license' : 'licenses'}
        </p>
        {tokens && tokens.length === 0 ? <p role="alert">You may not use this service’s token here, so you cannot change this user.</p> : null}
        {retired ? (
          <p role="status">{retired.failures.length === 0 ? 'Retired. Sync the service to see the change.' : retired.failures.map((f) => f.reason).join(' ')}</p>
        ) : confirmRetire ? (
          <p>
            Retire {name}? They leave Apple’s managed distribution for this service, and the {user.licenseCount} {user.licenseCount === 1 ? 'license' : 'licenses'} they
            hold are taken back; installed apps stop working after 30 days.
          </p>
        ) : (
          <div className="toolbar">
            <button type="button" disabled={!mayUse || user.licenseCount === 0} onClick={() => setRevoking(true)}>
              Revoke all licenses…
            </button>
            <button type="button" className="danger" disabled={!mayUse} onClick={() => setConfirmRetire(true)}>
              Retire…
            </button>
          </div>
        )}
      </Dialog>
      {revoking ? (
        <RevokeDialog groupId={groupId} serviceId={user.serviceId} app={null} holders={{ clientUserIds: [user.clientUserId], serialNumbers: [] }} onClose={() => setRevoking(false)} />
      ) : null}
    </>
  );
}
