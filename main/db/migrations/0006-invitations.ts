import type { Migration } from '../migration';

export const migration0006: Migration = {
  version: 6,
  name: 'invitations',
  sql: `
    -- One Invite Users run (a job); kept so a run interrupted by a restart can resume.
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
      state TEXT NOT NULL,
      created_at TEXT NOT NULL,
      finished_at TEXT
    );

    -- One invitation of one user through one channel: written before it is sent, marked after,
    -- so a resumed run never sends twice.
    CREATE TABLE invitations (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES invitation_runs(id) ON DELETE CASCADE,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      channel TEXT NOT NULL CHECK (channel IN ('email', 'device')),
      target TEXT,
      state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'skipped', 'failed')),
      reason TEXT,
      command_uuid TEXT,
      sent_at TEXT,
      UNIQUE (run_id, user_id, channel, target)
    );
    CREATE INDEX invitations_by_user ON invitations (user_id, sent_at);
  `,
};
