import { useEffect, useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../preload/contract';
import { api } from '../../bridge/api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useApiAction } from '../../hooks/useApiAction';
import type { GroupNode } from '../../store/tree-store';
import { InvitationPreview } from './InvitationPreview';
import { keepSecret, SecretField, secretInput, type SecretEdit } from './SecretField';

type MailSettings = ChannelOutput<'mail.settings'>;
type Security = MailSettings['security'];

const securityOptions: { value: Security; label: string }[] = [
  { value: 'starttls', label: 'STARTTLS (usually port 587)' },
  { value: 'tls', label: 'TLS (usually port 465)' },
  { value: 'none', label: 'None: unencrypted, only on a trusted network' },
];

const usualPort: Record<Security, string> = { starttls: '587', tls: '465', none: '25' };

interface MailForm {
  host: string;
  port: string;
  security: Security;
  user: string;
  from: string;
  ratePerMinute: string;
  password: SecretEdit;
}

const formOf = (s: MailSettings): MailForm => ({
  host: s.host,
  port: String(s.port),
  security: s.security,
  user: s.user,
  from: s.from,
  ratePerMinute: String(s.ratePerMinute),
  password: keepSecret,
});

/** Whether the form names another server than the saved one: a stored password is then dropped on save (main's rule). */
function serverChanged(settings: MailSettings, form: MailForm): boolean {
  return settings.host.trim().toLowerCase() !== form.host.trim().toLowerCase() || String(settings.port) !== form.port.trim() || settings.security !== form.security;
}

/** Settings → Email (SMTP): the server invitations go out through, a test email, and the invitation preview. */
export function MailSettingsSection({ group, editable }: { group: GroupNode; editable: boolean }) {
  const [settings, setSettings] = useState<MailSettings | null>(null);
  const [form, setForm] = useState<MailForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ passwordDropped: boolean } | null>(null);
  const [testTo, setTestTo] = useState('');
  const [testResult, setTestResult] = useState<string | null>(null);

  useEffect(() => {
    void api.mail.settings({}).then((result) => {
      if (result.ok) {
        setSettings(result.value);
        setForm(formOf(result.value));
      }
      setLoadError(result.ok ? null : result.error.message);
    });
  }, []);

  const save = useApiAction<MailSettings>((value) => {
    setSaved({ passwordDropped: (settings?.passwordSet ?? false) && !value.passwordSet && form?.password.mode === 'keep' });
    setSettings(value);
    setForm(formOf(value));
  });
  const test = useApiAction<{ message: string }>((value) => setTestResult(value.message));

  function edit(changes: Partial<MailForm>) {
    setSaved(null);
    setForm((current) => (current ? { ...current, ...changes } : current));
  }

  /** A port still at the old mode's usual number follows the new mode; one the admin typed stays. */
  function changeSecurity(security: Security) {
    if (!form) return;
    edit({ security, port: form.port === usualPort[form.security] ? usualPort[security] : form.port });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    void save.run(() =>
      api.mail.saveSettings({
        host: form.host,
        port: Number(form.port) || 0,
        security: form.security,
        user: form.user,
        from: form.from,
        password: secretInput(form.password),
        ratePerMinute: Number(form.ratePerMinute) || 0,
      }),
    );
  }

  function sendTest(event: FormEvent) {
    event.preventDefault();
    setTestResult(null);
    void test.run(() => api.mail.sendTest({ to: testTo }));
  }

  return (
    <section className="settings-section" aria-labelledby="settings-mail-title">
      <h2 id="settings-mail-title" className="section-title">
        Email (SMTP)
      </h2>
      <p className="muted">Invitation emails go out through this server, from this address.</p>
      <ErrorBanner message={loadError} />
      {settings && form ? (
        <>
          <form className="settings-form" onSubmit={submit} noValidate aria-label="Email settings">
            <fieldset className="settings-fields" disabled={!editable}>
              <legend className="visually-hidden">Email server</legend>
              <TextField label="SMTP server" placeholder="smtp.district.org" value={form.host} onChange={(e) => edit({ host: e.target.value })} error={save.fields.host} />
              <SelectField label="Security" value={form.security} options={securityOptions} onChange={(e) => changeSecurity(e.target.value as Security)} error={save.fields.security} />
              <TextField label="Port" type="number" inputMode="numeric" min={1} max={65535} value={form.port} onChange={(e) => edit({ port: e.target.value })} error={save.fields.port} />
              <TextField label="User name" autoComplete="off" hint="Leave empty if the server needs no sign-in." value={form.user} onChange={(e) => edit({ user: e.target.value })} error={save.fields.user} />
              <SecretField
                label="Password"
                noun="password"
                stored={settings.passwordSet}
                edit={form.password}
                onEdit={(password) => edit({ password })}
                error={save.fields.password}
                serverChanged={serverChanged(settings, form)}
              />
              <TextField label="From address" type="email" placeholder="invitations@district.org" value={form.from} onChange={(e) => edit({ from: e.target.value })} error={save.fields.from} />
              <TextField
                label="Emails per minute"
                type="number"
                inputMode="numeric"
                min={1}
                hint="At most this many invitations a minute, so the mail server does not turn them away."
                value={form.ratePerMinute}
                onChange={(e) => edit({ ratePerMinute: e.target.value })}
                error={save.fields.ratePerMinute}
              />
            </fieldset>
            <ErrorBanner message={save.formError} />
            {saved ? (
              <p role="status" className="banner banner-ok">
                Email settings saved.
                {saved.passwordDropped ? ' The stored password was removed because the server changed: enter the password for the new server and save again.' : ''}
              </p>
            ) : null}
            {editable ? (
              <div className="toolbar">
                <button type="submit" className="primary" disabled={save.busy}>
                  Save email settings
                </button>
              </div>
            ) : null}
          </form>

          <form className="settings-form settings-inline" onSubmit={sendTest} noValidate aria-label="Test email">
            <TextField
              label="Send a test email to"
              type="email"
              value={testTo}
              disabled={!editable}
              hint="Uses the saved settings."
              onChange={(e) => {
                setTestTo(e.target.value);
                setTestResult(null);
              }}
              error={test.fields.to}
            />
            <button type="submit" disabled={!editable || test.busy}>
              {test.busy ? 'Sending…' : 'Send test email'}
            </button>
          </form>
          <ErrorBanner message={test.formError} />
          {testResult ? (
            <p role="status" className="banner banner-ok">
              {testResult}
            </p>
          ) : null}

          <InvitationPreview group={group} />
        </>
      ) : loadError ? null : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
