import type { Migration } from '../migration';

export const migration0008: Migration = {
  version: 8,
  name: 'report sort keys for Apple users',
  sql: `
    -- Filled when a sync publishes its generation, so the Users tab sorts 100,000 Apple users
    -- by an index instead of joining and counting for every row on every keystroke.
    ALTER TABLE cached_apple_users ADD COLUMN sort_name TEXT;
    ALTER TABLE cached_apple_users ADD COLUMN license_count INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX cached_apple_users_by_name ON cached_apple_users (service_id, generation, sort_name COLLATE NOCASE, client_user_id);
    CREATE INDEX cached_apple_users_by_licenses ON cached_apple_users (service_id, generation, license_count, client_user_id);
  `,
};
