import type Database from 'better-sqlite3';
import type { Assignment } from '../../apple/model/assignment';
import { nextTurn } from '../../clock/next-turn';
import type { CacheTarget } from './cache-page-writer';
import type { ReadProgress } from './sync-progress';

/**
 * Rows moved into the cache per transaction, about: a read of a million assignments is split
 * in ten ranges of holders, each moved in one transaction.
 *
 * A move blocks the main process for a few tenths of a second; between moves it answers the
 * window again. Fewer, larger moves would cost less in all but block longer.
 */
export const STAGED_MOVE_ROWS = 100_000;

/**
 * A range is moved while the read goes on once it holds this many rows. The ranges are cut
 * from the first page's holders alone, so some come out larger than planned (simulated with a
 * million random holders, the largest of ten planned at 100,000 held about 115,000). Half
 * again the plan leaves room for that, so a range is moved once, and still bounds a move when
 * holders arrive in order and all land in the last range.
 */
export const EARLY_MOVE_ROWS = 1.5 * STAGED_MOVE_ROWS;

interface Range {
  table: string;
  append: Database.Statement;
  move: Database.Statement;
  clear: Database.Statement;
  /** Rows appended since the last move. */
  rows: number;
}

interface Staged {
  /** The first holder of each range after the first, in order. */
  bounds: string[];
  ranges: (Range | undefined)[];
}

/**
 * A full sync's assignments on their way into the cache.
 *
 * Each page is appended to tables without indexes in the connection's temporary database,
 * one table per range of holders (clientUserId, or serial number for a device), and each
 * range is moved into the sync's generation in one transaction, sorted by app then holder
 * (so one app's holders sit side by side, which is what an export of them reads). The ranges
 * split the first page's holders evenly, so each holds about STAGED_MOVE_ROWS of the read.
 *
 * Why ranges: every move writes each page of the assignments' clientUserId index that its
 * rows land on, and holders arrive in no useful order. A move of 100,000 rows as they arrived
 * touched nearly every page of that index, so the ten moves of a million rows wrote the index
 * ten times over, each time larger: 6.6–9.4 s in the sync benchmark, each move slower than
 * the one before. A move of one range writes only that range's part of the index: the same
 * rows took 3.8–4.8 s, in moves of 0.2–0.4 s.
 *
 * Ranges are moved once the read has ended, or earlier when one reaches EARLY_MOVE_ROWS.
 * The rows wait in SQLite's temporary file, not in JavaScript objects, so memory does not
 * grow with the size of the read. The temporary database goes with the process: a killed
 * sync leaves nothing of it behind.
 *
 * While any sync stages, the connection does not checkpoint its write-ahead log after each
 * commit; one checkpoint follows the last move. Each move rewrites its share of the indexes,
 * and copying those pages into the database file after every move cost a quarter of the
 * moves' time. The log grows meanwhile by every page the connection writes, the moves' above
 * all, and is cut back to JOURNAL_SIZE_LIMIT when the next write starts it over after that
 * checkpoint.
 */
export class AssignmentStaging {
  private readonly staged = new Map<string, Staged>();
  private readonly autoCheckpointPages: number;
  private readonly appendTx;
  private readonly moveTx;

  constructor(private readonly db: Database.Database) {
    this.autoCheckpointPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    // Staged pages wait in the temporary file, not in this process's memory.
    db.pragma('temp.cache_size = -2000');
    this.appendTx = db.transaction((to: CacheTarget, staged: Staged, rows: readonly Assignment[], touched: Set<Range>) => {
      for (const row of rows) {
        const range = this.range(to, staged, rangeOf(staged.bounds, holder(row)));
        range.append.run(row.adamId, row.pricingParam, row.clientUserId, row.serialNumber);
        range.rows++;
        touched.add(range);
      }
    });
    this.moveTx = db.transaction((to: CacheTarget, range: Range) => {
      range.move.run(to.serviceId, to.generation);
      range.clear.run();
    });
  }

  /**
   * Appends one page; a range that reaches EARLY_MOVE_ROWS is moved. `expectedRows` is the
   * size of the whole read as its first page tells it (pages times rows per page).
   */
  add(to: CacheTarget, rows: readonly Assignment[], expectedRows: number): void {
    const staged = this.staged.get(key(to)) ?? this.begin(to, rows, expectedRows);
    const touched = new Set<Range>();
    this.appendTx(to, staged, rows, touched);
    for (const range of touched) if (range.rows >= EARLY_MOVE_ROWS) this.move(to, range);
  }

  /**
   * Moves every range still staged, one transaction each, answering the event loop between;
   * call when the read has ended. Each move counts as a page of `progress`. A cancelled sync
   * stops between moves (discard then drops the rest).
   */
  async finish(to: CacheTarget, signal: AbortSignal, progress: ReadProgress): Promise<void> {
    const ranges = (this.staged.get(key(to))?.ranges ?? []).filter((range): range is Range => range !== undefined && range.rows > 0);
    for (const [index, range] of ranges.entries()) {
      if (index > 0) await nextTurn();
      signal.throwIfAborted();
      const rows = range.rows;
      this.move(to, range);
      progress.page(ranges.length, rows);
    }
    progress.end();
    this.end(to);
  }

  /** Drops what a sync that did not finish left staged. */
  discard(to: CacheTarget): void {
    this.end(to);
  }

  private begin(to: CacheTarget, firstPage: readonly Assignment[], expectedRows: number): Staged {
    if (this.staged.size === 0) this.db.pragma('wal_autocheckpoint = 0');
    const count = Math.max(1, Math.round(expectedRows / STAGED_MOVE_ROWS));
    // JavaScript orders text as SQLite does except past U+FFFF, and serial numbers are indexed
    // without case: there a range is not quite one stretch of the index, which costs a little
    // more to write and nothing else.
    const holders = firstPage.map(holder).sort();
    const bounds = holders.length === 0 ? [] : Array.from({ length: count - 1 }, (_, i) => holders[Math.floor(((i + 1) * holders.length) / count)]!);
    const staged: Staged = { bounds, ranges: [] };
    this.staged.set(key(to), staged);
    return staged;
  }

  private range(to: CacheTarget, staged: Staged, index: number): Range {
    const existing = staged.ranges[index];
    if (existing) return existing;
    const table = `temp.staged_assignments_${to.serviceId}_${to.generation}_${index}`;
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (adam_id TEXT NOT NULL, pricing TEXT NOT NULL, client_user_id TEXT, serial_number TEXT)`);
    const range: Range = {
      table,
      append: this.db.prepare(`INSERT INTO ${table} VALUES (?, ?, ?, ?)`),
      move: this.db.prepare(`INSERT INTO cached_assignments (service_id, generation, adam_id, pricing, client_user_id, serial_number)
        SELECT ?, ?, adam_id, pricing, client_user_id, serial_number FROM ${table} ORDER BY adam_id, pricing, coalesce(client_user_id, serial_number)`),
      // Without a WHERE clause SQLite empties the table at once rather than row by row.
      clear: this.db.prepare(`DELETE FROM ${table}`),
      rows: 0,
    };
    staged.ranges[index] = range;
    return range;
  }

  private move(to: CacheTarget, range: Range): void {
    this.moveTx(to, range);
    range.rows = 0;
  }

  /** Drops the target's tables; the last target to end gives the connection its checkpoints back, starting with one now. */
  private end(to: CacheTarget): void {
    const staged = this.staged.get(key(to));
    if (!staged) return;
    try {
      for (const range of staged.ranges) if (range) this.db.exec(`DROP TABLE IF EXISTS ${range.table}`);
    } finally {
      this.staged.delete(key(to));
      if (this.staged.size === 0) {
        this.db.pragma(`wal_autocheckpoint = ${this.autoCheckpointPages}`);
        this.db.pragma('wal_checkpoint(PASSIVE)');
      }
    }
  }
}

const key = (to: CacheTarget) => `${to.serviceId}:${to.generation}`;

/** Whom a row licenses: the key of the clientUserId index, or of the serial-number one for a device. */
const holder = (row: Assignment) => row.clientUserId ?? row.serialNumber ?? '';

/** The index of the range a holder falls in: the number of bounds at or below it. */
function rangeOf(bounds: readonly string[], value: string): number {
  let low = 0;
  let high = bounds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (value < bounds[middle]!) high = middle;
    else low = middle + 1;
  }
  return low;
}
