import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { Assignment } from '../../../main/apple/model/assignment';
import { JOURNAL_SIZE_LIMIT, openDatabase } from '../../../main/db/open-database';
import { AssignmentStaging, EARLY_MOVE_ROWS, STAGED_MOVE_ROWS } from '../../../main/distribution/sync/assignment-staging';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

/** Holder n of a read: zero-padded, so text order is number order. */
const holder = (n: number) => `cu-${String(n).padStart(7, '0')}`;

/** Assignments numbered start.., of apps in no order; `order` maps a row's number to its holder's. */
function page(start: number, size: number, order: (n: number) => number): Assignment[] {
  return Array.from({ length: size }, (_, i) => {
    const n = start + i;
    const device = n % 50 === 0;
    return {
      adamId: String(500 + ((n * 7919) % 300)),
      pricingParam: 'STDQ',
      clientUserId: device ? null : holder(order(n)),
      serialNumber: device ? `SN${String(order(n)).padStart(7, '0')}` : null,
      idHash: null,
      userStatus: null,
    };
  });
}

function database(): { db: Database.Database; file: string } {
  const file = join(tempDir(), 'md.sqlite');
  const db = openDatabase(file);
  db.exec(`INSERT INTO groups (id, parent_id, name, kind, created_at) VALUES (1, NULL, 'District', 'organization', 'x');
    INSERT INTO services (id, group_id, name, created_at) VALUES (1, 1, 'Apps', 'x'), (2, 1, 'More apps', 'x');`);
  return { db, file };
}

/** What a sync that is not cancelled gives finish: its signal, and progress that goes nowhere. */
const running = [new AbortController().signal, { page: () => undefined, end: () => undefined }] as const;

/** Every sync has ended: no staging table is left, and the connection checkpoints again. */
function expectNothingStaged(db: Database.Database): void {
  expect(db.prepare("SELECT count(*) FROM temp.sqlite_master WHERE name LIKE 'staged_assignments%'").pluck().get()).toBe(0);
  expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
}

describe('a full sync’s assignments on their way into the cache', () => {
  it('wait until the read has ended, then move one range of holders per transaction, each sorted by app', async () => {
    const { db } = database();
    const staging = new AssignmentStaging(db);
    const target = { serviceId: 1, generation: 4 };
    const cached = db.prepare('SELECT count(*) FROM cached_assignments WHERE service_id = 1 AND generation = 4').pluck();
    const rows = 1.5 * STAGED_MOVE_ROWS;
    // Holders in a scattered order, as Apple's pages bring them: two ranges of about 75,000 rows.
    const scattered = (n: number) => (n * 7_919) % rows;
    for (let start = 0; start < rows; start += 1000) {
      staging.add(target, page(start, 1000, scattered), rows);
      expect(cached.get()).toBe(0);
    }

    await staging.finish(target, ...running);
    expect(cached.get()).toBe(rows);
    const stored = db
      .prepare('SELECT adam_id AS app, coalesce(client_user_id, serial_number) AS holder, client_user_id AS user FROM cached_assignments WHERE generation = 4 ORDER BY rowid')
      .all() as { app: string; holder: string; user: string | null }[];
    // Two runs, one after the other in the table, each sorted by app then holder...
    const breaks = stored.flatMap((row, i) => (i > 0 && row.app < stored[i - 1]!.app ? [i] : []));
    expect(breaks).toHaveLength(1);
    const runs = [stored.slice(0, breaks[0]), stored.slice(breaks[0])];
    for (const run of runs) {
      expect(run.length).toBeGreaterThan(0.4 * rows);
      expect(run.map((r) => `${r.app} ${r.holder}`)).toEqual(run.map((r) => `${r.app} ${r.holder}`).sort());
    }
    // ...and each of one range of users: every user of the first sorts before every user of the second.
    const users = runs.map((run) => run.flatMap((r) => (r.user ? [r.user] : [])).sort());
    expect(users[0]!.at(-1)! < users[1]![0]!).toBe(true);
    expectNothingStaged(db);
    db.close();
  });

  it('move a range during the read once it outgrows its plan by half, and checkpoint the log only after the last move', async () => {
    const { db, file } = database();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const fileSizeBefore = statSync(file).size;
    const staging = new AssignmentStaging(db);
    const target = { serviceId: 1, generation: 4 };
    const cached = db.prepare('SELECT count(*) FROM cached_assignments WHERE service_id = 1 AND generation = 4').pluck();
    // Holders in order: the first page's split in three puts every later user in the last range.
    const rows = 3 * STAGED_MOVE_ROWS;
    const pages = EARLY_MOVE_ROWS / 1000 + 6;
    const first = page(0, 1000, (n) => n);
    const lastRangeStarts = first.map((r) => r.clientUserId ?? r.serialNumber!).sort()[666]!;
    for (let p = 0; p < pages; p++) staging.add(target, p === 0 ? first : page(p * 1000, 1000, (n) => n), rows);
    // That range alone was moved, once, when it passed EARLY_MOVE_ROWS.
    expect(cached.get()).toBeGreaterThanOrEqual(EARLY_MOVE_ROWS);
    expect(cached.get()).toBeLessThan(EARLY_MOVE_ROWS + 1000);
    expect(db.prepare('SELECT count(*) FROM cached_assignments WHERE coalesce(client_user_id, serial_number) < ?').pluck().get(lastRangeStarts)).toBe(0);
    // A move of 100,000 rows is far past the log's checkpoint size, yet nothing reached the database file.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1000 * 4096);
    expect(statSync(file).size).toBe(fileSizeBefore);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    await staging.finish(target, ...running);
    expect(cached.get()).toBe(pages * 1000);
    expect(statSync(file).size).toBeGreaterThan(fileSizeBefore + 1000 * 4096);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(JOURNAL_SIZE_LIMIT);
    db.close();
  });

  it('stops between moves when the sync is cancelled, having counted the moves made', async () => {
    const { db } = database();
    const staging = new AssignmentStaging(db);
    const target = { serviceId: 1, generation: 4 };
    const cached = db.prepare('SELECT count(*) FROM cached_assignments WHERE service_id = 1 AND generation = 4').pluck();
    // A read announced at three moves' worth is split in three ranges, however little of it came.
    for (let start = 0; start < 3000; start += 1000) staging.add(target, page(start, 1000, (n) => (n * 7) % 3000), 3 * STAGED_MOVE_ROWS);
    const cancel = new AbortController();
    const moves: [number, number][] = [];
    const progress = {
      page: (total: number, rows: number) => {
        moves.push([total, rows]);
        cancel.abort();
      },
      end: () => undefined,
    };

    await expect(staging.finish(target, cancel.signal, progress)).rejects.toThrow(/aborted/);
    expect(moves).toHaveLength(1);
    expect(moves[0]![0]).toBe(3);
    expect(cached.get()).toBe(moves[0]![1]);
    expect(moves[0]![1]).toBeGreaterThan(500);
    expect(moves[0]![1]).toBeLessThan(1500);
    staging.discard(target);
    expectNothingStaged(db);
    db.close();
  });

  it('keep two syncs apart when one begins and ends while the other is between moves', async () => {
    const { db } = database();
    const staging = new AssignmentStaging(db);
    const a = { serviceId: 1, generation: 4 };
    const b = { serviceId: 2, generation: 7 };
    for (let start = 0; start < 3000; start += 1000) staging.add(a, page(start, 1000, (n) => (n * 7) % 3000), 3 * STAGED_MOVE_ROWS);
    let bFinished: Promise<void> | null = null;
    let checkpointsWhileAMoves: unknown = null;
    const progress = {
      page: () => {
        if (bFinished) return;
        staging.add(b, page(0, 700, (n) => n), 700);
        bFinished = staging.finish(b, ...running);
        checkpointsWhileAMoves = db.pragma('wal_autocheckpoint', { simple: true });
      },
      end: () => undefined,
    };

    await staging.finish(a, new AbortController().signal, progress);
    await bFinished;
    // B ended first, but A still had ranges to move: checkpoints came back only after A's last.
    expect(checkpointsWhileAMoves).toBe(0);
    const counts = db.prepare('SELECT service_id, generation, count(*) AS n FROM cached_assignments GROUP BY service_id, generation ORDER BY service_id').all();
    expect(counts).toEqual([
      { service_id: 1, generation: 4, n: 3000 },
      { service_id: 2, generation: 7, n: 700 },
    ]);
    expectNothingStaged(db);
    db.close();
  });

  it('take reads of any shape: none at all, one holder only, a first page of one row', async () => {
    const { db } = database();
    const staging = new AssignmentStaging(db);
    const count = db.prepare('SELECT count(*) FROM cached_assignments WHERE service_id = ? AND generation = ?').pluck();
    const ended: string[] = [];
    const progress = { page: () => undefined, end: () => void ended.push('end') };

    // An empty read never stages a page.
    await staging.finish({ serviceId: 1, generation: 1 }, new AbortController().signal, progress);
    expect(ended).toEqual(['end']);

    // One holder for every row, in a read announced at three moves.
    const one = { serviceId: 1, generation: 2 };
    for (let start = 0; start < 2000; start += 1000) staging.add(one, page(start, 1000, () => 5), 3 * STAGED_MOVE_ROWS);
    await staging.finish(one, ...running);
    expect(count.get(1, 2)).toBe(2000);

    // A first page of one row, then more, in a read whose size was announced as nothing.
    const tiny = { serviceId: 2, generation: 3 };
    staging.add(tiny, page(0, 1, (n) => n), 0);
    staging.add(tiny, page(1, 999, (n) => 1000 - n), 0);
    await staging.finish(tiny, ...running);
    expect(count.get(2, 3)).toBe(1000);
    expectNothingStaged(db);
    db.close();
  });

  it('leaves nothing staged and nothing cached of a sync that did not finish', async () => {
    const { db } = database();
    const staging = new AssignmentStaging(db);
    staging.add({ serviceId: 1, generation: 2 }, page(0, 500, (n) => n), 500);
    staging.add({ serviceId: 2, generation: 9 }, page(0, 300, (n) => n), 300);
    staging.discard({ serviceId: 1, generation: 2 });
    // The other sync still stages: checkpoints stay deferred until it ends too.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await staging.finish({ serviceId: 2, generation: 9 }, ...running);
    expect(db.prepare('SELECT service_id, count(*) AS n FROM cached_assignments GROUP BY service_id').all()).toEqual([{ service_id: 2, n: 300 }]);
    expectNothingStaged(db);
    db.close();
  });
});
