import type Database from 'better-sqlite3';
import type { Assignment } from '../../apple/model/assignment';
import type { CacheTarget } from './cache-page-writer';

/**
 * Rows moved into the cache per transaction.
 *
 * Each move writes every page of the assignments' clientUserId index that its rows touch, and
 * clientUserIds arrive in random order: a million rows moved 100,000 at a time took 8.2 s
 * where 50,000-row batches held in memory took 12 s. A move blocks the main process for about
 * a second.
 */
export const STAGED_MOVE_ROWS = 100_000;

/**
 * A full sync's assignments on their way into the cache: each page is appended to a table
 * without indexes in the connection's temporary database, and every STAGED_MOVE_ROWS rows
 * are moved into the sync's generation in one transaction, sorted by app then holder (so one
 * app's holders sit side by side, which is what an export of them reads).
 *
 * The rows wait in SQLite's temporary file, not in JavaScript objects, so memory does not
 * grow with the size of a move. The temporary database goes with the process: a killed sync
 * leaves nothing of it behind.
 *
 * While any sync stages, the connection does not checkpoint its write-ahead log after each
 * commit; one checkpoint follows the last move. Each move rewrites most pages of the
 * clientUserId index, and copying them into the database file after every move cost a
 * quarter of the moves' time (a million rows: 8.1 s of moves with those checkpoints, 5.9 s
 * without, and the one checkpoint at the end gives about a second of that back). The log
 * grows meanwhile by every page each move writes, and is cut back to JOURNAL_SIZE_LIMIT
 * when the next write starts it over after that checkpoint.
 */
export class AssignmentStaging {
  private readonly appendTx;
  private readonly moveTx;
  private readonly discardStaged;
  private readonly staged = new Map<string, number>();
  /** Targets between their first page and their end (finish or discard). */
  private readonly active = new Set<string>();
  private readonly autoCheckpointPages: number;

  constructor(private readonly db: Database.Database) {
    this.autoCheckpointPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    // Staged pages wait in the temporary file, not in this process's memory.
    db.pragma('temp.cache_size = -2000');
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS staged_assignments (
      service_id INTEGER NOT NULL, generation INTEGER NOT NULL, adam_id TEXT NOT NULL, pricing TEXT NOT NULL, client_user_id TEXT, serial_number TEXT)`);
    const append = db.prepare('INSERT INTO temp.staged_assignments VALUES (?, ?, ?, ?, ?, ?)');
    const move = db.prepare(`INSERT INTO cached_assignments (service_id, generation, adam_id, pricing, client_user_id, serial_number)
      SELECT service_id, generation, adam_id, pricing, client_user_id, serial_number FROM temp.staged_assignments
      WHERE service_id = ? AND generation = ? ORDER BY adam_id, pricing, coalesce(client_user_id, serial_number)`);
    this.discardStaged = db.prepare('DELETE FROM temp.staged_assignments WHERE service_id = ? AND generation = ?');
    this.appendTx = db.transaction((to: CacheTarget, rows: readonly Assignment[]) => {
      for (const r of rows) append.run(to.serviceId, to.generation, r.adamId, r.pricingParam, r.clientUserId, r.serialNumber);
    });
    this.moveTx = db.transaction((to: CacheTarget) => {
      move.run(to.serviceId, to.generation);
      this.discardStaged.run(to.serviceId, to.generation);
    });
  }

  /** Appends one page; moves what is staged once it reaches STAGED_MOVE_ROWS. */
  add(to: CacheTarget, rows: readonly Assignment[]): void {
    if (this.active.size === 0) this.db.pragma('wal_autocheckpoint = 0');
    this.active.add(key(to));
    this.appendTx(to, rows);
    const staged = (this.staged.get(key(to)) ?? 0) + rows.length;
    this.staged.set(key(to), staged);
    if (staged >= STAGED_MOVE_ROWS) this.move(to);
  }

  /** Moves whatever is still staged; call when the read has ended. */
  finish(to: CacheTarget): void {
    this.move(to);
    this.end(to);
  }

  /** Drops what a sync that did not finish left staged. */
  discard(to: CacheTarget): void {
    try {
      this.discardStaged.run(to.serviceId, to.generation);
    } finally {
      this.staged.delete(key(to));
      this.end(to);
    }
  }

  private move(to: CacheTarget): void {
    this.moveTx(to);
    this.staged.delete(key(to));
  }

  /** The last target to end gives the connection its checkpoints back, starting with one now. */
  private end(to: CacheTarget): void {
    if (!this.active.delete(key(to)) || this.active.size > 0) return;
    this.db.pragma(`wal_autocheckpoint = ${this.autoCheckpointPages}`);
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }
}

const key = (to: CacheTarget) => `${to.serviceId}:${to.generation}`;
