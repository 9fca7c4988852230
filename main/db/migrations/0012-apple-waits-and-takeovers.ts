import type { Migration } from '../migration';

export const migration0012: Migration = {
  version: 12,
  name: 'Apple waits and MDM takeovers',
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
  `,
};
