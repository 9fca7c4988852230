import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../preload/contract';
import { ErrorBanner } from '../components/ErrorBanner';
import { fieldErrors } from '../components/field-errors';
import { TextField } from '../components/TextField';
import { useSession } from '../store/session-store';

export function SignInPage() {
  const organizationName = useSession((s) => s.organizationName);
  const signIn = useSession((s) => s.signIn);
  const demo = useSession((s) => s.demo);
  const exitDemo = useSession((s) => s.exitDemo);
  const signedOutMessage = useSession((s) => s.signedOutMessage);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await signIn({ email, password });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setPassword('');
    }
  }

  return (
    <main className="centered-page">
      <form className="card" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in</h1>
        <p className="lead">{organizationName}</p>
        {signedOutMessage && !error ? (
          <p className="banner banner-info" role="status">
            {signedOutMessage}
          </p>
        ) : null}
        <ErrorBanner message={error && Object.keys(fields).length === 0 ? error.message : null} />
        <TextField label="Email" type="email" autoComplete="username" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} error={fields.email} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {demo ? (
          <button type="button" onClick={() => void exitDemo()}>
            Leave the demo
          </button>
        ) : null}
      </form>
    </main>
  );
}
