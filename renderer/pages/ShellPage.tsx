import { useEffect, useState } from 'react';
import { api } from '../bridge/api';
import { ConnectivityIndicator } from '../components/ConnectivityIndicator';
import { ErrorBanner } from '../components/ErrorBanner';
import { OrganizationTree } from '../components/OrganizationTree';
import { useSession } from '../store/session-store';
import { useTree } from '../store/tree-store';
import { AuditPage } from './audit/AuditPage';
import { OpenedTokenFile } from './distribution/OpenedTokenFile';
import { GroupPage } from './group/GroupPage';
import { SettingsPage } from './settings/SettingsPage';

/** The signed-in app: the organization tree on the left, the chosen level on the right. */
export function ShellPage() {
  const { admin, organizationName, keychain, signOut, demo, exitDemo } = useSession();
  const { groups, selectedId, error, load, select, changed } = useTree();
  const selected = groups.find((g) => g.id === selectedId) ?? null;
  const [view, setView] = useState<'directory' | 'audit' | 'settings'>('directory');

  useEffect(() => {
    void load();
    return api.on('directory.changed', changed);
  }, [load, changed]);

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Managed Distribution</span>
        <span className="org-name">{organizationName}</span>
        {demo ? (
          <>
            <span className="demo-pill" aria-label="Demo: a generated sample district">
              DEMO
            </span>
            <button type="button" onClick={() => void exitDemo()}>
              Leave the demo
            </button>
          </>
        ) : null}
        <span className="spacer" />
        <ConnectivityIndicator />
        <button type="button" aria-pressed={view === 'audit'} onClick={() => setView(view === 'audit' ? 'directory' : 'audit')}>
          Audit log
        </button>
        <button type="button" aria-pressed={view === 'settings'} onClick={() => setView(view === 'settings' ? 'directory' : 'settings')}>
          Settings
        </button>
        <span className="admin-name" aria-label="Signed in as">
          {admin?.name}
        </span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      {keychain && !keychain.available ? (
        <div className="banner banner-warning" role="status">
          {keychain.message}
        </div>
      ) : null}
      <div className="shell-body">
        <nav className="sidebar" aria-label="Organization tree">
          <h2 className="sidebar-title">Organization</h2>
          <ErrorBanner message={error?.message} />
          <OrganizationTree
            groups={groups}
            selectedId={selectedId}
            onSelect={(id) => {
              setView('directory');
              select(id);
            }}
          />
          {groups.length === 0 && !error ? <p className="muted sidebar-note">You are not a direct admin of any group yet.</p> : null}
        </nav>
        <main className="content">
          {view === 'audit' ? <AuditPage /> : null}
          {view === 'settings' && selected ? <SettingsPage group={selected} /> : null}
          {view === 'directory' && selected ? <GroupPage key={selected.id} group={selected} /> : null}
        </main>
      </div>
      <OpenedTokenFile />
    </div>
  );
}
