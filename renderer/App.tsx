import { useEffect } from 'react';
import { ShellPage } from './pages/ShellPage';
import { SignInPage } from './pages/SignInPage';
import { WelcomePage } from './pages/WelcomePage';
import { useSession } from './store/session-store';

export function App() {
  const phase = useSession((s) => s.phase);
  const loadError = useSession((s) => s.loadError);
  const refresh = useSession((s) => s.refresh);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  switch (phase) {
    case 'loading':
      return <p className="centered-page" role="status">Loading…</p>;
    case 'unreachable':
      return (
        <main className="centered-page">
          <div className="card">
            <h1>The app is not answering</h1>
            <p role="alert">{loadError?.message}</p>
            <button type="button" className="primary" onClick={() => void refresh()}>
              Try again
            </button>
          </div>
        </main>
      );
    case 'welcome':
      return <WelcomePage />;
    case 'signIn':
      return <SignInPage />;
    case 'ready':
      return <ShellPage />;
  }
}
