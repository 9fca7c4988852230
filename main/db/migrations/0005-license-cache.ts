import type { Migration } from '../migration';

export const migration0005: Migration = {
  version: 5,
  name: 'offline cache of licenses and Apple users',
  sql: `
    -- The clientUserId Apple knows our user by: random, so it says nothing about the person,
    -- and fixed for the user's life.
    ALTER TABLE users ADD COLUMN client_user_id TEXT;
    UPDATE users SET client_user_id = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX users_by_client_user_id ON users (client_user_id);

    -- One row per service that has been synced. A sync writes its rows under a new generation
    -- number; the swap is setting live_generation in one transaction, so a cancelled, failed
    -- or killed sync leaves the previous generation whole and readable.
    CREATE TABLE sync_state (
      service_id INTEGER PRIMARY KEY REFERENCES services(id) ON DELETE CASCADE,
      live_generation INTEGER,
      synced_at TEXT,
      token_id INTEGER,
      assignments_version TEXT,
      users_version TEXT,
      attempted_at TEXT,
      error_code TEXT,
      error TEXT
    );

    CREATE TABLE cached_assets (
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      generation INTEGER NOT NULL,
      adam_id TEXT NOT NULL,
      pricing TEXT NOT NULL,
      product_type TEXT NOT NULL,
      total INTEGER,
      assigned INTEGER NOT NULL,
      available INTEGER,
      retired INTEGER NOT NULL,
      unlimited INTEGER NOT NULL,
      device_assignable INTEGER NOT NULL,
      revocable INTEGER NOT NULL,
      platforms TEXT NOT NULL,
      PRIMARY KEY (service_id, generation, adam_id, pricing)
    ) WITHOUT ROWID;

    CREATE TABLE cached_assignments (
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      generation INTEGER NOT NULL,
      adam_id TEXT NOT NULL,
      pricing TEXT NOT NULL,
      client_user_id TEXT,
      serial_number TEXT COLLATE NOCASE
    );
    CREATE INDEX cached_assignments_by_asset ON cached_assignments (service_id, generation, adam_id, pricing);
    CREATE INDEX cached_assignments_by_user ON cached_assignments (service_id, generation, client_user_id) WHERE client_user_id IS NOT NULL;
    CREATE INDEX cached_assignments_by_serial ON cached_assignments (service_id, generation, serial_number) WHERE serial_number IS NOT NULL;

    CREATE TABLE cached_apple_users (
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      generation INTEGER NOT NULL,
      client_user_id TEXT NOT NULL,
      email TEXT,
      managed_apple_id TEXT,
      invite_code TEXT,
      id_hash TEXT,
      status TEXT NOT NULL,
      PRIMARY KEY (service_id, generation, client_user_id)
    ) WITHOUT ROWID;

    -- Names and icons from Apple's public lookup; the report works without them.
    CREATE TABLE app_metadata (
      adam_id TEXT PRIMARY KEY,
      name TEXT,
      bundle_id TEXT,
      artwork_url TEXT,
      platforms TEXT,
      kind TEXT,
      fetched_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX app_metadata_by_name ON app_metadata (name COLLATE NOCASE);

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
