import type { Migration } from '../migration';

export const migration0004: Migration = {
  version: 4,
  name: 'Managed Distribution services and tokens',
  sql: `
    CREATE TABLE services (
      id INTEGER PRIMARY KEY,
      group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE RESTRICT,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      -- Apple's location, fixed by the first token checked: one location, one service.
      location_uid TEXT UNIQUE,
      location_name TEXT,
      created_by INTEGER REFERENCES admins(id),
      created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX services_unique_name_in_group ON services (group_id, name COLLATE NOCASE);

    -- The secret itself is in the OS keychain (account token:<id>); never here.
    CREATE TABLE tokens (
      id INTEGER PRIMARY KEY,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      fingerprint TEXT NOT NULL,
      org_name TEXT NOT NULL,
      location_name TEXT NOT NULL,
      location_uid TEXT NOT NULL,
      country TEXT,
      expires_at TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'expired', 'revoked', 'invalid')),
      active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
      other_mdm TEXT,
      added_by INTEGER REFERENCES admins(id),
      added_at TEXT NOT NULL,
      checked_at TEXT,
      UNIQUE (service_id, fingerprint)
    );
    -- At most one active token per service, whatever the code does.
    CREATE UNIQUE INDEX tokens_one_active_per_service ON tokens (service_id) WHERE active = 1;
  `,
};
