import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migration';

export const DATABASE_FILE_NAME = 'managed-distribution.sqlite';

/**
 * Opens (creating if needed) the app's SQLite file and brings its schema up to date.
 *
 * WAL keeps reads fast while a sync writes; foreign keys are off by default in SQLite and
 * the schema relies on them.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = allMigrations): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
