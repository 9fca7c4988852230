import { useEffect, useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/TextField';
import { useApiAction } from '../../hooks/useApiAction';
import { keepSecret, SecretField, secretInput, type SecretEdit } from './SecretField';

type MdmSettings = ChannelOutput<'mdm.settings'>;

/** The server an address reaches (scheme, host, port): another one drops a stored key on save, as main does. */
function serverOf(address: string): string {
  try {
    return new URL(address.trim()).origin;
  } catch {
    return address.trim();
  }
}

/** Settings → MDM server (NanoMDM): where install and invitation commands are queued for devices. */
export function MdmSettingsSection({ editable }: { editable: boolean }) {
  const [settings, setSettings] = useState<MdmSettings | null>(null);
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState<SecretEdit>(keepSecret);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ keyDropped: boolean } | null>(null);
  const [testResult, setTestResult] = useState<string | null>(null);

  function show(value: MdmSettings) {
    setSettings(value);
    setBaseUrl(value.baseUrl);
    setApiKey(keepSecret);
  }

  useEffect(() => {
    void api.mdm.settings({}).then((result) => {
      if (result.ok) show(result.value);
      setLoadError(result.ok ? null : result.error.message);
    });
  }, []);

  const save = useApiAction<MdmSettings>((value) => {
    setSaved({ keyDropped: (settings?.apiKeySet ?? false) && !value.apiKeySet && apiKey.mode === 'keep' });
    show(value);
  });
  const test = useApiAction<{ message: string }>((value) => setTestResult(value.message));

  function submit(event: FormEvent) {
    event.preventDefault();
    setTestResult(null);
    void save.run(() => api.mdm.saveSettings({ baseUrl, apiKey: secretInput(apiKey) }));
  }

  function testConnection() {
    setTestResult(null);
    void test.run(() => api.mdm.testConnection({}));
  }

  return (
    <section className="settings-section" aria-labelledby="settings-mdm-title">
      <h2 id="settings-mdm-title" className="section-title">
        MDM server (NanoMDM)
      </h2>
      <p className="muted">Install and invitation commands for devices are queued on this server.</p>
      <ErrorBanner message={loadError} />
      {settings ? (
        <form className="settings-form" onSubmit={submit} noValidate aria-label="MDM server settings">
          <fieldset className="settings-fields" disabled={!editable}>
            <legend className="visually-hidden">MDM server</legend>
            <TextField
              label="Server address"
              type="url"
              placeholder="https://mdm.district.org"
              value={baseUrl}
              onChange={(e) => {
                setBaseUrl(e.target.value);
                setSaved(null);
              }}
              error={save.fields.baseUrl}
            />
            <SecretField
              label="API key"
              noun="API key"
              stored={settings.apiKeySet}
              edit={apiKey}
              onEdit={(edit) => {
                setApiKey(edit);
                setSaved(null);
              }}
              error={save.fields.apiKey}
              serverChanged={serverOf(settings.baseUrl) !== serverOf(baseUrl)}
            />
          </fieldset>
          <ErrorBanner message={save.formError} />
          {saved ? (
            <p role="status" className="banner banner-ok">
              MDM server settings saved.
              {saved.keyDropped ? ' The stored API key was removed because the server changed: enter the key of the new server and save again.' : ''}
            </p>
          ) : null}
          {editable ? (
            <div className="toolbar">
              <button type="submit" className="primary" disabled={save.busy}>
                Save MDM settings
              </button>
              <button type="button" disabled={test.busy} onClick={testConnection}>
                {test.busy ? 'Testing…' : 'Test connection'}
              </button>
              <span className="muted">The test uses the saved settings and queues nothing.</span>
            </div>
          ) : null}
          <ErrorBanner message={test.formError} />
          {testResult ? (
            <p role="status" className="banner banner-ok">
              {testResult}
            </p>
          ) : null}
        </form>
      ) : loadError ? null : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
