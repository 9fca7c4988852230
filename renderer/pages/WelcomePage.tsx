import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../preload/contract';
import { passwordHint } from '../components/password-hint';
import { ErrorBanner } from '../components/ErrorBanner';
import { fieldErrors } from '../components/field-errors';
import { TextField } from '../components/TextField';
import { useSession } from '../store/session-store';

/** First run: name the organization and create the first admin account. */
export function WelcomePage() {
  const createOrganization = useSession((s) => s.createOrganization);
  const startDemo = useSession((s) => s.startDemo);
  const [demoState, setDemoState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [form, setForm] = useState({ organizationName: '', adminName: '', email: '', password: '', confirm: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(error);

  const update = (name: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [name]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const passwordsDiffer = form.password !== form.confirm;
    setMismatch(passwordsDiffer);
    if (passwordsDiffer) return;
    setBusy(true);
    const { confirm: _confirm, ...input } = form;
    const result = await createOrganization(input);
    setBusy(false);
    setError(result.ok ? null : result.error);
  }

  async function explore() {
    setDemoState({ busy: true, error: null });
    const result = await startDemo();
    setDemoState({ busy: false, error: result.ok ? null : result.error.message });
  }

  return (
    <main className="centered-page welcome">
      <form className="card" onSubmit={submit} noValidate aria-labelledby="welcome-title">
        <h1 id="welcome-title">Welcome to Managed Distribution</h1>
        <p className="lead">
          Name your organization and create the first admin account. You will manage Apple Managed Distribution for
          every group of the organization from here.
        </p>
        <ErrorBanner message={error && Object.keys(fields).length === 0 ? error.message : null} />
        <TextField
          label="Organization name"
          autoFocus
          value={form.organizationName}
          onChange={update('organizationName')}
          error={fields.organizationName}
          hint="Usually the district's name. It becomes the top of the organization tree."
        />
        <TextField label="Your name" autoComplete="name" value={form.adminName} onChange={update('adminName')} error={fields.adminName} />
        <TextField label="Email" type="email" autoComplete="email" value={form.email} onChange={update('email')} error={fields.email} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={update('password')}
          error={fields.password}
          hint={passwordHint}
        />
        <TextField
          label="Confirm password"
          type="password"
          autoComplete="new-password"
          value={form.confirm}
          onChange={update('confirm')}
          error={mismatch ? 'The two passwords are not the same.' : undefined}
        />
        <button type="submit" className="primary" disabled={busy || demoState.busy}>
          {busy ? 'Creating…' : 'Create organization'}
        </button>
      </form>
      <aside className="card demo-card" aria-labelledby="demo-title">
        <h2 id="demo-title">Just looking?</h2>
        <p className="lead">
          Explore a generated school district with a simulated Apple service: licenses, users, devices and reports, all on this
          computer. Nothing you do there touches Apple or your own data.
        </p>
        <ErrorBanner message={demoState.error} />
        {demoState.busy ? (
          <p role="status" className="checking">
            <progress aria-label="Setting up the sample district" /> Setting up the sample district…
          </p>
        ) : null}
        <button type="button" onClick={() => void explore()} disabled={demoState.busy || busy}>
          Explore with a sample district
        </button>
      </aside>
    </main>
  );
}
