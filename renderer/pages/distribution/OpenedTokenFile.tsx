import { useCallback, useEffect, useState } from 'react';
import type { ApiError, ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/SelectField';
import { useTree } from '../../store/tree-store';
import { AddTokenDialog } from './AddTokenDialog';
import type { ServiceView } from './token-labels';

type TokenFile = NonNullable<ChannelOutput<'tokens.pendingFile'>>;

/**
 * A .vpptoken file the admin opened with the app: choose the service it is for, then Add
 * Token opens with the file's content.
 *
 * Asks main once after sign-in (the file may have started the app) and again whenever main
 * says another file was opened. Offers the services of the levels the admin directly
 * administers, the ones they may add tokens to.
 */
export function OpenedTokenFile() {
  const groups = useTree((s) => s.groups);
  const [file, setFile] = useState<TokenFile | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [services, setServices] = useState<ServiceView[] | null>(null);
  const [serviceId, setServiceId] = useState<number | null>(null);
  const [chosen, setChosen] = useState<ServiceView | null>(null);

  const ask = useCallback(async () => {
    const result = await api.tokens.pendingFile({});
    if (!result.ok) setError(result.error);
    else if (result.value) {
      setFile(result.value);
      setChosen(null);
    }
  }, []);

  useEffect(() => {
    void ask();
    return api.on('tokens.fileOpened', () => void ask());
  }, [ask]);

  useEffect(() => {
    if (!file) return;
    let current = true;
    const direct = groups.filter((g) => g.direct);
    void Promise.all(direct.map((g) => api.services.list({ groupId: g.id }))).then((results) => {
      if (!current) return;
      const mine = new Map<number, ServiceView>();
      for (const result of results) {
        if (result.ok) for (const s of result.value) if (s.directAdmin && !s.inherited) mine.set(s.id, s);
      }
      const list = [...mine.values()];
      setServices(list);
      setServiceId(list[0]?.id ?? null);
    });
    return () => {
      current = false;
    };
  }, [file, groups]);

  function close() {
    setFile(null);
    setServices(null);
    setChosen(null);
  }

  if (error) {
    return (
      <Dialog title="The token file was not opened" onClose={() => setError(null)}>
        <p role="alert">{error.message}</p>
      </Dialog>
    );
  }
  if (!file || !services) return null;
  if (chosen) return <AddTokenDialog service={chosen} initialText={file.text} onClose={close} />;
  if (services.length === 0) {
    return (
      <Dialog title={`Add ${file.fileName}`} onClose={close}>
        <p>
          There is no service to add this token to. Create a service in Managed Distribution at a level you administer, then open the
          file again.
        </p>
      </Dialog>
    );
  }
  return (
    <Dialog
      title="Choose a service"
      onClose={close}
      onSubmit={() => setChosen(services.find((s) => s.id === serviceId) ?? null)}
      submitLabel="Continue"
      submitDisabled={serviceId === null}
    >
      <p className="lead">
        Which service is <strong>{file.fileName}</strong> for? Each service stands for one Apple location.
      </p>
      <SelectField
        label="Service"
        value={serviceId ?? ''}
        onChange={(e) => setServiceId(Number(e.target.value))}
        options={services.map((s) => ({ value: s.id, label: `${s.name} (${s.groupName})` }))}
      />
    </Dialog>
  );
}
