import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migration';

export const DATABASE_FILE_NAME = 'managed-distribution.sqlite';

/**
 * The size the write-ahead log is cut back to when a write starts it over after a complete
 * checkpoint. A full sync lets it grow (see AssignmentStaging); without a limit the file
 * would keep that size on disk.
 */
export const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

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
    db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
