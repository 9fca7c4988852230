import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { Assignment } from '../../../main/apple/model/assignment';
import { JOURNAL_SIZE_LIMIT, openDatabase } from '../../../main/db/open-database';
import { AssignmentStaging, STAGED_MOVE_ROWS } from '../../../main/distribution/sync/assignment-staging';
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

const stagingTables = (db: Database.Database) => db.prepare("SELECT count(*) FROM temp.sqlite_master WHERE name LIKE 'staged_assignments%'").pluck().get();

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
    expect(stagingTables(db)).toBe(0);
    db.close();
  });

  it('move a range as soon as it holds a move’s rows, and checkpoint the log only after the last move', async () => {
    const { db, file } = database();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const fileSizeBefore = statSync(file).size;
    const staging = new AssignmentStaging(db);
    const target = { serviceId: 1, generation: 4 };
    const cached = db.prepare('SELECT count(*) FROM cached_assignments WHERE service_id = 1 AND generation = 4').pluck();
    // Holders in order: the first page's split puts nearly every later row in the last range.
    const rows = 3 * STAGED_MOVE_ROWS;
    const pages = STAGED_MOVE_ROWS / 1000 + 3;
    for (let p = 0; p < pages; p++) staging.add(target, page(p * 1000, 1000, (n) => n), rows);
    expect(cached.get()).toBeGreaterThanOrEqual(STAGED_MOVE_ROWS);
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
    expect(stagingTables(db)).toBe(0);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
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
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.prepare('SELECT service_id, count(*) AS n FROM cached_assignments GROUP BY service_id').all()).toEqual([{ service_id: 2, n: 300 }]);
    expect(stagingTables(db)).toBe(0);
    db.close();
  });
});
