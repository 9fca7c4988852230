import type { Migration } from '../migration';

export const migration0003: Migration = {
  version: 3,
  name: 'users, devices and class membership',
  sql: `
    -- Roster ids (location_id, class_id) so a re-import updates the same group.
    ALTER TABLE groups ADD COLUMN external_id TEXT;
    CREATE UNIQUE INDEX groups_by_external_id ON groups (external_id) WHERE external_id IS NOT NULL;

    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      external_id TEXT UNIQUE,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      email TEXT COLLATE NOCASE,
      managed_apple_id TEXT COLLATE NOCASE,
      role TEXT NOT NULL CHECK (role IN ('student', 'staff')),
      grade_level TEXT,
      home_group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE RESTRICT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX users_by_home_group ON users (home_group_id, name COLLATE NOCASE);
    CREATE INDEX users_by_name ON users (name COLLATE NOCASE);
    CREATE INDEX users_by_email ON users (email);

    -- Class rosters and extra locations: a user belongs to these groups besides their home group.
    CREATE TABLE group_members (
      group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('student', 'instructor', 'member')),
      PRIMARY KEY (group_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX group_members_by_user ON group_members (user_id);

    CREATE TABLE devices (
      id INTEGER PRIMARY KEY,
      serial_number TEXT NOT NULL COLLATE NOCASE UNIQUE,
      name TEXT,
      platform TEXT NOT NULL CHECK (platform IN ('iOS', 'iPadOS', 'macOS', 'tvOS')),
      os_version TEXT NOT NULL,
      supervised INTEGER NOT NULL DEFAULT 0 CHECK (supervised IN (0, 1)),
      udid TEXT UNIQUE,
      home_group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE RESTRICT,
      user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      admin_id INTEGER REFERENCES admins(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      -- A device belongs to one person at a time: a user or an admin.
      CHECK (user_id IS NULL OR admin_id IS NULL)
    );
    CREATE INDEX devices_by_home_group ON devices (home_group_id);
    CREATE INDEX devices_by_user ON devices (user_id);
    CREATE INDEX devices_by_admin ON devices (admin_id);
  `,
};
