import type { Migration } from '../migration';

export const migration0001: Migration = {
  version: 1,
  name: 'organization, groups and admins',
  sql: `
    CREATE TABLE groups (
      id INTEGER PRIMARY KEY,
      parent_id INTEGER REFERENCES groups(id) ON DELETE RESTRICT,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      kind TEXT NOT NULL CHECK (kind IN ('organization', 'district', 'school', 'class', 'other')),
      created_at TEXT NOT NULL
    );
    -- The organization is the one group without a parent.
    CREATE UNIQUE INDEX groups_single_root ON groups (coalesce(parent_id, 0)) WHERE parent_id IS NULL;
    CREATE INDEX groups_by_parent ON groups (parent_id);

    CREATE TABLE admins (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT NOT NULL COLLATE NOCASE UNIQUE,
      password_hash TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
      created_at TEXT NOT NULL
    );

    CREATE TABLE admin_direct_groups (
      admin_id INTEGER NOT NULL REFERENCES admins(id) ON DELETE CASCADE,
      group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      PRIMARY KEY (admin_id, group_id)
    ) WITHOUT ROWID;
    CREATE INDEX admin_direct_groups_by_group ON admin_direct_groups (group_id);
  `,
};
