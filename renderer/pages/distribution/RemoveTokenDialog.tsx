import { useState } from 'react';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { useApiAction } from '../../hooks/useApiAction';
import { formatDay, type ServiceView, type TokenView } from './token-labels';

/** Removing a token is guarded: the admin types the service's name. */
export function RemoveTokenDialog({ service, token, onClose }: { service: ServiceView; token: TokenView; onClose(): void }) {
  const [confirmation, setConfirmation] = useState('');
  const action = useApiAction(onClose);
  return (
    <Dialog
      title={`Remove a token from ${service.name}?`}
      onClose={onClose}
      danger
      submitLabel="Remove token"
      submitDisabled={action.busy || confirmation.trim() !== service.name}
      onSubmit={() => void action.run(() => api.tokens.remove({ tokenId: token.id, confirmation }))}
    >
      <p>
        The token for <strong>{token.locationName}</strong> (expires {formatDay(token.expiresAt)}) will be deleted from this
        computer's keychain, with everything the app cached with it. Apple keeps the licenses.
      </p>
      <TextField
        label={`Type "${service.name}" to confirm`}
        autoFocus
        value={confirmation}
        onChange={(e) => setConfirmation(e.target.value)}
        error={action.fields.confirmation ?? action.formError ?? undefined}
      />
    </Dialog>
  );
}
