import Database from 'better-sqlite3';

/**
 * A second, read-only connection to the app's database file, for long reads such as CSV exports.
 *
 * A statement stepping through rows keeps its connection busy: on the app's own connection
 * every write (a sync batch, an audit entry) would fail until an export had written its last
 * row. On this connection the export reads one snapshot of the cache while the app writes;
 * WAL lets both go on.
 */
export function openReadConnection(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
