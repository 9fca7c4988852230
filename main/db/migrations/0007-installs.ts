import type { Migration } from '../migration';

export const migration0007: Migration = {
  version: 7,
  name: 'app installs',
  sql: `
    -- One Install run (a job) of one app with one token; kept so it can resume after a restart.
    -- state: running (a job holds it, or held it when the app stopped), finished, cancelled.
    CREATE TABLE install_runs (
      id TEXT PRIMARY KEY,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      token_id INTEGER,
      group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      admin_id INTEGER REFERENCES admins(id),
      adam_id TEXT NOT NULL,
      pricing TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('device', 'user')),
      state TEXT NOT NULL CHECK (state IN ('running', 'finished', 'cancelled')),
      created_at TEXT NOT NULL,
      finished_at TEXT
    );
    CREATE INDEX install_runs_by_service ON install_runs (service_id, created_at);

    -- One device to license (its serial, or its owner's clientUserId) and, where it applies,
    -- one install command to deliver. A license is 'submitted' with the Apple event id before
    -- the event is waited for, so a run resumed after a restart asks Apple how that event
    -- ended instead of associating again. The device's MDM facts are copied in so a command
    -- can still be built if the device record changes mid-run.
    CREATE TABLE install_items (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES install_runs(id) ON DELETE CASCADE,
      device_id INTEGER REFERENCES devices(id) ON DELETE SET NULL,
      user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      serial_number TEXT,
      client_user_id TEXT,
      udid TEXT,
      platform TEXT NOT NULL,
      os_version TEXT NOT NULL,
      supervised INTEGER NOT NULL CHECK (supervised IN (0, 1)),
      license_state TEXT NOT NULL CHECK (license_state IN ('pending', 'submitted', 'assigned', 'failed')),
      event_id TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      command_state TEXT CHECK (command_state IN ('pending', 'queued', 'failed', 'not-needed')),
      reason TEXT,
      command_uuid TEXT,
      updated_at TEXT NOT NULL,
      CHECK ((serial_number IS NULL) <> (client_user_id IS NULL))
    );
    CREATE INDEX install_items_by_run ON install_items (run_id, license_state);
  `,
};
