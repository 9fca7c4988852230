import type { Migration } from '../migration';

export const migration0007: Migration = {
  version: 7,
  name: 'app installs',
  sql: `
    -- One Install run (a job) of one app with one token; kept so it can resume after a restart.
    CREATE TABLE install_runs (
      id TEXT PRIMARY KEY,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      token_id INTEGER,
      group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      admin_id INTEGER REFERENCES admins(id),
      adam_id TEXT NOT NULL,
      pricing TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('device', 'user')),
      state TEXT NOT NULL,
      created_at TEXT NOT NULL,
      finished_at TEXT
    );

    -- One license to assign and, where it applies, one install command to deliver.
    CREATE TABLE install_items (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES install_runs(id) ON DELETE CASCADE,
      device_id INTEGER REFERENCES devices(id) ON DELETE SET NULL,
      user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      serial_number TEXT,
      client_user_id TEXT,
      license_state TEXT NOT NULL CHECK (license_state IN ('pending', 'assigned', 'failed', 'skipped')),
      command_state TEXT CHECK (command_state IN ('pending', 'queued', 'failed', 'not-needed')),
      reason TEXT,
      command_uuid TEXT,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX install_items_by_run ON install_items (run_id, license_state);
  `,
};
