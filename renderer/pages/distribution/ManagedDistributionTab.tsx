import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/TextField';
import { useApiAction } from '../../hooks/useApiAction';
import type { GroupNode } from '../../store/tree-store';
import { ServiceCard } from './ServiceCard';
import type { ServiceView } from './token-labels';

/** Settings → Managed Distribution at one level: its services, and those of the levels above. */
export function ManagedDistributionTab({ group }: { group: GroupNode }) {
  const [services, setServices] = useState<ServiceView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [name, setName] = useState('');

  const load = useCallback(async () => {
    const result = await api.services.list({ groupId: group.id });
    if (result.ok) setServices(result.value);
    setError(result.ok ? null : result.error);
  }, [group.id]);

  useEffect(() => {
    void load();
    return api.on('distribution.changed', () => void load());
  }, [load]);

  const create = useApiAction(() => {
    setName('');
    void load();
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    void create.run(() => api.services.create({ groupId: group.id, name }));
  }

  const own = services.filter((s) => !s.inherited);
  const inherited = services.filter((s) => s.inherited);

  return (
    <section className="tab-panel distribution" aria-label="Managed Distribution">
      <ErrorBanner message={error?.message} />
      <form className="create-service" onSubmit={submit} noValidate>
        <TextField
          label="New Managed Distribution service"
          placeholder="For example: North High apps"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={create.fields.name ?? create.formError ?? undefined}
          hint="Each service stands for one Apple location (one Apps and Books account) and keeps one active token."
        />
        <button type="submit" disabled={create.busy}>
          Create Service
        </button>
      </form>
      {own.length === 0 ? <p className="muted">No services in {group.name} yet.</p> : null}
      {own.map((s) => (
        <ServiceCard key={s.id} service={s} group={group} />
      ))}
      {inherited.length > 0 ? (
        <>
          <h2 className="section-title">From the levels above</h2>
          {inherited.map((s) => (
            <ServiceCard key={s.id} service={s} group={group} />
          ))}
        </>
      ) : null}
    </section>
  );
}
