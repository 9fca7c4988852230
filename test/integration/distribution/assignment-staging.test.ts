import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../../main/apple/model/assignment';
import { JOURNAL_SIZE_LIMIT, openDatabase } from '../../../main/db/open-database';
import { AssignmentStaging, STAGED_MOVE_ROWS } from '../../../main/distribution/sync/assignment-staging';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function page(start: number, size: number): Assignment[] {
  return Array.from({ length: size }, (_, i) => ({
    adamId: String(500 + ((start + i) * 7919) % 300),
    pricingParam: 'STDQ',
    clientUserId: `cu-${start + i}`,
    serialNumber: null,
    idHash: null,
    userStatus: null,
  }));
}

describe('a full sync’s assignments on their way into the cache', () => {
  it('move into the generation in runs sorted by app as they pass the run size, and the rest when the read ends', () => {
    const file = join(tempDir(), 'md.sqlite');
    const db = openDatabase(file);
    db.exec(`INSERT INTO groups (id, parent_id, name, kind, created_at) VALUES (1, NULL, 'District', 'organization', 'x');
      INSERT INTO services (id, group_id, name, created_at) VALUES (1, 1, 'Apps', 'x');`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const fileSizeBefore = statSync(file).size;
    const staging = new AssignmentStaging(db);
    const target = { serviceId: 1, generation: 4 };
    const cached = db.prepare('SELECT count(*) FROM cached_assignments WHERE service_id = 1 AND generation = 4').pluck();
    const pages = STAGED_MOVE_ROWS / 1000 + 3;
    for (let p = 0; p < pages; p++) {
      staging.add(target, page(p * 1000, 1000));
      expect(cached.get()).toBe(p + 1 >= STAGED_MOVE_ROWS / 1000 ? STAGED_MOVE_ROWS : 0);
    }
    // A move of 100,000 rows is far past the log's checkpoint size, yet nothing reached the database file.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1000 * 4096);
    expect(statSync(file).size).toBe(fileSizeBefore);

    staging.finish(target);
    expect(cached.get()).toBe(pages * 1000);
    expect(statSync(file).size).toBeGreaterThan(fileSizeBefore + 1000 * 4096);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(JOURNAL_SIZE_LIMIT);

    const firstRun = db.prepare('SELECT adam_id FROM cached_assignments WHERE rowid <= ? ORDER BY rowid').pluck().all(STAGED_MOVE_ROWS) as string[];
    expect(firstRun).toEqual([...firstRun].sort());
    expect(db.prepare('SELECT count(*) FROM temp.staged_assignments').pluck().get()).toBe(0);
    db.close();
  });

  it('leaves nothing staged and nothing cached of a sync that did not finish', () => {
    const db = openDatabase(join(tempDir(), 'md.sqlite'));
    db.exec(`INSERT INTO groups (id, parent_id, name, kind, created_at) VALUES (1, NULL, 'District', 'organization', 'x');
      INSERT INTO services (id, group_id, name, created_at) VALUES (1, 1, 'Apps', 'x'), (2, 1, 'More apps', 'x');`);
    const staging = new AssignmentStaging(db);
    staging.add({ serviceId: 1, generation: 2 }, page(0, 500));
    staging.add({ serviceId: 2, generation: 9 }, page(0, 300));
    staging.discard({ serviceId: 1, generation: 2 });
    // The other sync still stages: checkpoints stay deferred until it ends too.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    staging.finish({ serviceId: 2, generation: 9 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.prepare('SELECT service_id, count(*) AS n FROM cached_assignments GROUP BY service_id').all()).toEqual([{ service_id: 2, n: 300 }]);
    expect(db.prepare('SELECT count(*) FROM temp.staged_assignments').pluck().get()).toBe(0);
    db.close();
  });
});
