import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

/** A random id made once per data folder, naming what belongs to it outside the database. */
export function installationId(db: Database.Database): string {
  db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('installation.id', ?)").run(randomUUID());
  return (db.prepare("SELECT value FROM settings WHERE key = 'installation.id'").get() as { value: string }).value;
}
