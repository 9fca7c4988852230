import { useEffect, useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/TextField';
import { useApiAction } from '../../hooks/useApiAction';

type SessionSettings = ChannelOutput<'sessions.settings'>;

/** Settings → Signing in: how long a window may stay unused before its admin is signed out. */
export function SessionSettingsSection({ editable }: { editable: boolean }) {
  const [hours, setHours] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  function show(value: SessionSettings) {
    setHours(String(value.idleHours));
    setLoaded(true);
  }

  useEffect(() => {
    void api.sessions.settings({}).then((result) => {
      if (result.ok) show(result.value);
      setLoadError(result.ok ? null : result.error.message);
    });
  }, []);

  const save = useApiAction<SessionSettings>((value) => {
    show(value);
    setSaved(true);
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    void save.run(() => api.sessions.saveSettings({ idleHours: Number(hours) }));
  }

  return (
    <section className="settings-section" aria-labelledby="settings-sessions-title">
      <h2 id="settings-sessions-title" className="section-title">
        Signing in
      </h2>
      <p className="muted">
        A window left unused this long is signed out, so an unattended computer does not stay signed in. Resetting an admin&apos;s
        password or disabling the account signs them out everywhere at once.
      </p>
      <ErrorBanner message={loadError} />
      {loaded ? (
        <form className="settings-form" onSubmit={submit} noValidate aria-label="Signing in settings">
          <fieldset className="settings-fields" disabled={!editable}>
            <legend className="visually-hidden">Signing in</legend>
            <TextField
              label="Sign out after this many hours without activity"
              type="number"
              min={1}
              max={168}
              step={1}
              value={hours}
              onChange={(e) => {
                setHours(e.target.value);
                setSaved(false);
              }}
              error={save.fields.idleHours}
              hint="From 1 to 168 hours (a week)."
            />
          </fieldset>
          <ErrorBanner message={save.formError} />
          {saved ? (
            <p role="status" className="banner banner-ok">
              Signing-in settings saved.
            </p>
          ) : null}
          {editable ? (
            <div className="toolbar">
              <button type="submit" className="primary" disabled={save.busy}>
                Save signing-in settings
              </button>
            </div>
          ) : null}
        </form>
      ) : loadError ? null : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
