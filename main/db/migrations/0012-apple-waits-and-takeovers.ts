import type { Migration } from '../migration';

export const migration0012: Migration = {
  version: 12,
  name: 'Apple waits, MDM takeovers and direct registrations',
  sql: `
    -- Another MDM Apple names as the location's manager since we claimed it, and when we
    -- last read so in an answer; both null while the location is ours (or unclaimed).
    ALTER TABLE services ADD COLUMN other_mdm_name TEXT;
    ALTER TABLE services ADD COLUMN other_mdm_seen_at TEXT;

    -- The time Apple's Retry-After named: no sync of the service starts before it, and the
    -- next one starts on its own then.
    ALTER TABLE sync_state ADD COLUMN retry_at TEXT;

    -- A run waiting for Apple's Retry-After goes on at this time, also after a restart.
    ALTER TABLE invitation_runs ADD COLUMN resume_at TEXT;
    ALTER TABLE install_runs ADD COLUMN resume_at TEXT;

    -- A new channel, 'apple': a person with a Managed Apple Account is registered with Apple
    -- directly (users/create with managedAppleId; Apple associates them at once) and never
    -- emailed; target is the Managed Apple ID. SQLite cannot widen a CHECK in place.
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
    INSERT INTO invitations_new (id, run_id, user_id, channel, target, state, reason, command_uuid, sent_at)
      SELECT id, run_id, user_id, channel, target, state, reason, command_uuid, sent_at FROM invitations;
    DROP TABLE invitations;
    ALTER TABLE invitations_new RENAME TO invitations;
    CREATE INDEX invitations_by_run ON invitations (run_id, state);
    CREATE INDEX invitations_by_user ON invitations (user_id, state, sent_at);
  `,
};
