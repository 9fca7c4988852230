import type { Migration } from '../migration';

export const migration0006: Migration = {
  version: 6,
  name: 'invitations',
  sql: `
    -- One Invite Users run (a job); a run still 'running' when the app starts was cut short by
    -- a restart and resumes. retry_of names the run whose failed items a "Retry failed" run covers.
    CREATE TABLE invitation_runs (
      id TEXT PRIMARY KEY,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      token_id INTEGER,
      group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      admin_id INTEGER REFERENCES admins(id),
      audience TEXT NOT NULL,
      by_email INTEGER NOT NULL,
      by_device INTEGER NOT NULL,
      automatic INTEGER NOT NULL DEFAULT 0,
      retry_of TEXT REFERENCES invitation_runs(id) ON DELETE SET NULL,
      state TEXT NOT NULL CHECK (state IN ('running', 'finished', 'cancelled', 'failed')),
      message TEXT,
      created_count INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      finished_at TEXT
    );
    CREATE INDEX invitation_runs_by_state ON invitation_runs (state);

    -- One invitation of one user through one channel (the email address, or a device's
    -- enrollment id). 'waiting' until its turn, 'pending' just before it is handed to the mail
    -- or MDM server, 'sent' or 'failed' after: a resumed run sends only 'waiting' items, so
    -- nobody gets the same invitation twice. Skipped users are kept with their reason.
    CREATE TABLE invitations (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES invitation_runs(id) ON DELETE CASCADE,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      channel TEXT NOT NULL CHECK (channel IN ('email', 'device', 'none')),
      target TEXT NOT NULL DEFAULT '',
      state TEXT NOT NULL CHECK (state IN ('waiting', 'pending', 'sent', 'skipped', 'failed')),
      reason TEXT,
      command_uuid TEXT,
      sent_at TEXT,
      UNIQUE (run_id, user_id, channel, target)
    );
    CREATE INDEX invitations_by_run ON invitations (run_id, state);
    CREATE INDEX invitations_by_user ON invitations (user_id, state, sent_at);
  `,
};
