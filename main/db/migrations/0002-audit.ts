import type { Migration } from '../migration';

export const migration0002: Migration = {
  version: 2,
  name: 'audit log',
  sql: `
    CREATE TABLE audit_entries (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      admin_id INTEGER REFERENCES admins(id),
      action TEXT NOT NULL,
      target TEXT NOT NULL,
      details TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_entries_by_time ON audit_entries (at);
  `,
};
