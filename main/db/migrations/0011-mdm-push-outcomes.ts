import type { Migration } from '../migration';

/*
 * SQLite cannot change a CHECK constraint in place, so install_items and invitations are
 * rebuilt with the new state (and channel) allowed; nothing references either table.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'commands queued on the MDM server but not reached, and installs that assign licenses only',
  sql: `
    -- 'not-reached': the MDM server queued the command but could not wake the device (its
    -- push failed, e.g. "push data missing for id" for a device not enrolled, or no APNs
    -- certificate); reason says why. Retry pushes again without queueing a second command.
    CREATE TABLE install_items_new (
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
      command_state TEXT CHECK (command_state IN ('pending', 'queued', 'not-reached', 'failed', 'not-needed')),
      reason TEXT,
      command_uuid TEXT,
      updated_at TEXT NOT NULL,
      CHECK ((serial_number IS NULL) <> (client_user_id IS NULL))
    );
    INSERT INTO install_items_new SELECT id, run_id, device_id, user_id, serial_number, client_user_id, udid, platform, os_version, supervised,
      license_state, event_id, attempts, command_state, reason, command_uuid, updated_at FROM install_items;
    DROP TABLE install_items;
    ALTER TABLE install_items_new RENAME TO install_items;
    CREATE INDEX install_items_by_run ON install_items (run_id, license_state);

    -- An install the admin chose to carry out without install commands (the MDM server was
    -- not usable, or not wanted): its retries never send commands either.
    ALTER TABLE install_runs ADD COLUMN licenses_only INTEGER NOT NULL DEFAULT 0 CHECK (licenses_only IN (0, 1));

    -- A device invitation queued but not reached, as above; it does not count as sent. And a
    -- new channel, 'apple': a person with a Managed Apple Account is registered with Apple
    -- directly (users/create with managedAppleId; Apple associates them at once) and never
    -- emailed; target is the Managed Apple ID.
    CREATE TABLE invitations_new (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES invitation_runs(id) ON DELETE CASCADE,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      channel TEXT NOT NULL CHECK (channel IN ('email', 'device', 'apple', 'none')),
      target TEXT NOT NULL DEFAULT '',
      state TEXT NOT NULL CHECK (state IN ('waiting', 'pending', 'sent', 'not-reached', 'skipped', 'failed')),
      reason TEXT,
      command_uuid TEXT,
      sent_at TEXT,
      UNIQUE (run_id, user_id, channel, target)
    );
    INSERT INTO invitations_new SELECT id, run_id, user_id, channel, target, state, reason, command_uuid, sent_at FROM invitations;
    DROP TABLE invitations;
    ALTER TABLE invitations_new RENAME TO invitations;
    CREATE INDEX invitations_by_run ON invitations (run_id, state);
    CREATE INDEX invitations_by_user ON invitations (user_id, state, sent_at);
  `,
};
