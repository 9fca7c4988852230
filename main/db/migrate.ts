import type Database from 'better-sqlite3';
import type { Migration } from './migration';

/** A migration failed; the database is exactly as it was before that migration. */
export class MigrationError extends Error {
  constructor(
    readonly migration: Migration,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `The database could not be upgraded to version ${migration.version} (${migration.name}): ${reason}. ` +
        'It was left as it was; your data is unchanged.',
      { cause },
    );
    this.name = 'MigrationError';
  }
}

/** The data folder was written by a newer version of the app than this one. */
export class DatabaseTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `This data folder was written by a newer version of Managed Distribution (database version ${found}; ` +
        `this app knows up to ${known}). Install the newer version to open it.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `target` (default: the newest), one transaction per migration.
 *
 * `user_version` is written inside the same transaction, so a failed step rolls back both the
 * schema change and the version number.
 */
export function migrate(db: Database.Database, all: readonly Migration[], target = all.length): number {
  all.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${index + 1}`);
  });
  const current = schemaVersion(db);
  if (current > all.length) throw new DatabaseTooNewError(current, all.length);

  for (const migration of all.slice(current, target)) {
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      })();
    } catch (error) {
      throw new MigrationError(migration, error);
    }
  }
  return schemaVersion(db);
}
