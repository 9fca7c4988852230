import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/db/open-database';
import { openReadConnection } from '../../../main/db/open-read-connection';
import { csvField, writeCsv } from '../../../main/distribution/report/csv-writer';
import type { HolderScope } from '../../../main/distribution/report/holder-scope';
import { ReportSortKeys } from '../../../main/distribution/report/report-sort-keys';
import { ReportStore, type AppleUserFilter, type LicenseFilter } from '../../../main/distribution/report/report-store';
import { DownloadStore } from '../../../main/export/download-store';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

/** A cache as a sync leaves it: generation 2 is live, generation 3 is a sync still running. */
function cacheDatabase(file = ':memory:'): Database.Database {
  const db = openDatabase(file);
  db.exec(`
    INSERT INTO groups (id, parent_id, name, kind, created_at) VALUES (1, NULL, 'District', 'organization', 'x'), (2, 1, 'North', 'school', 'x');
    INSERT INTO services (id, group_id, name, created_at) VALUES (1, 1, 'District apps', 'x'), (2, 2, 'North apps', 'x');
    INSERT INTO sync_state (service_id, live_generation, synced_at) VALUES (1, 2, '2026-11-24T08:00:00Z'), (2, 7, '2026-11-24T08:00:00Z');
    INSERT INTO users (id, name, email, role, home_group_id, client_user_id, created_at, updated_at)
      VALUES (1, 'Zoë Park', 'zoe@s.edu', 'student', 2, 'cu-zoe', 'x', 'x'), (2, 'Ben Okafor', 'ben@s.edu', 'staff', 2, 'cu-ben', 'x', 'x');
    INSERT INTO devices (id, serial_number, name, platform, os_version, home_group_id, user_id, created_at, updated_at)
      VALUES (1, 'DMPXK1ABC001', 'Cart 1', 'iPadOS', '17.4', 2, 1, 'x', 'x');
    INSERT INTO app_metadata (adam_id, name, bundle_id, platforms, fetched_at) VALUES
      ('100', 'Keynote', 'com.apple.Keynote', '["iOS","iPadOS","macOS"]', 'x'),
      ('200', 'Math Quest', 'org.quest', '["iPadOS"]', 'x');
  `);
  const asset = db.prepare(`INSERT INTO cached_assets (service_id, generation, adam_id, pricing, product_type, total, assigned, available, retired, unlimited, device_assignable, revocable, platforms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1, ?)`);
  asset.run(1, 2, '100', 'STDQ', 'App', null, 40, null, 1, 1, '["iOS","macOS"]');
  asset.run(1, 2, '200', 'STDQ', 'App', 100, 97, 3, 0, 1, '["iOS"]');
  asset.run(1, 2, '300', 'STDQ', 'Book', 50, 10, 40, 0, 0, '["iOS","macOS"]');
  asset.run(1, 3, '999', 'STDQ', 'App', 5, 0, 5, 0, 1, '["iOS"]');
  asset.run(2, 7, '200', 'PLUS', 'App', 20, 2, 18, 0, 1, '["iOS"]');
  const assignment = db.prepare('INSERT INTO cached_assignments (service_id, generation, adam_id, pricing, client_user_id, serial_number) VALUES (?, ?, ?, ?, ?, ?)');
  assignment.run(1, 2, '200', 'STDQ', 'cu-zoe', null);
  assignment.run(1, 2, '200', 'STDQ', null, 'dmpxk1abc001');
  assignment.run(1, 2, '200', 'STDQ', 'cu-stranger', null);
  assignment.run(1, 3, '200', 'STDQ', 'cu-ben', null);
  const appleUser = db.prepare('INSERT INTO cached_apple_users (service_id, generation, client_user_id, email, invite_code, id_hash, status) VALUES (?, ?, ?, ?, ?, ?, ?)');
  appleUser.run(1, 2, 'cu-zoe', 'zoe@s.edu', null, 'hash', 'Associated');
  appleUser.run(1, 2, 'cu-ben', 'ben@s.edu', 'INV1', null, 'Registered');
  appleUser.run(1, 3, 'cu-new', 'new@s.edu', 'INV2', null, 'Registered');
  appleUser.run(2, 7, 'cu-amy', 'amy@north.edu', null, 'hash2', 'Associated');
  new ReportSortKeys(db).refresh(1, 2);
  new ReportSortKeys(db).refresh(2, 7);
  return db;
}

const cache = () => new ReportStore(cacheDatabase());

/** What a direct admin of the district sees at the district: everyone, and the records nobody in the directory matches. */
const everybody: HolderScope = { groupIds: [1, 2], everyone: true, unmatchedServiceIds: [1, 2] };

const licenseFilter: LicenseFilter = {
  serviceIds: [1, 2],
  search: '',
  productType: null,
  platform: null,
  pricing: null,
  lowAvailability: false,
  sort: 'name',
  direction: 'asc',
  offset: 0,
  limit: 100,
};

describe('the Managed Distribution Report reads the live cache only', () => {
  it('lists licenses with names where known and the adamId where not, never rows of a sync in flight', () => {
    const { rows, total } = cache().licenses(licenseFilter);
    expect(total).toBe(4);
    expect(rows.map((r) => [r.serviceName, r.name ?? r.adamId, r.pricing])).toEqual([
      ['District apps', '300', 'STDQ'],
      ['District apps', 'Keynote', 'STDQ'],
      ['District apps', 'Math Quest', 'STDQ'],
      ['North apps', 'Math Quest', 'PLUS'],
    ]);
    expect(rows[1]).toMatchObject({ unlimited: true, total: null, available: null, platforms: ['iOS', 'macOS', 'iPadOS'] });
  });

  it('filters by type, platform, pricing, low availability and search, and sorts by use', () => {
    const store = cache();
    const names = (extra: Partial<LicenseFilter>) =>
      store.licenses({ ...licenseFilter, ...extra }).rows.map((r) => `${r.name ?? r.adamId}/${r.pricing}`);
    expect(names({ productType: 'Book' })).toEqual(['300/STDQ']);
    expect(names({ platform: 'macOS' })).toEqual(['300/STDQ', 'Keynote/STDQ']);
    expect(names({ platform: 'iPadOS' })).toHaveLength(4);
    expect(names({ pricing: 'PLUS' })).toEqual(['Math Quest/PLUS']);
    expect(names({ lowAvailability: true })).toEqual(['Math Quest/STDQ']);
    expect(names({ search: 'quest' })).toEqual(['Math Quest/STDQ', 'Math Quest/PLUS']);
    expect(names({ search: 'com.apple' })).toEqual(['Keynote/STDQ']);
    expect(names({ sort: 'use', direction: 'desc' })).toEqual(['Math Quest/STDQ', '300/STDQ', 'Math Quest/PLUS', 'Keynote/STDQ']);
    expect(names({ serviceIds: [2] })).toEqual(['Math Quest/PLUS']);
  });

  it('matches assignments to directory users and devices, and keeps the unmatched', () => {
    const { rows, total, outside } = cache().assignments({ serviceId: 1, adamId: '200', pricing: 'STDQ', holders: everybody, offset: 0, limit: 100 });
    expect(total).toBe(3);
    expect(outside).toBe(0);
    expect(rows).toEqual([
      { clientUserId: 'cu-zoe', serialNumber: null, userName: 'Zoë Park', userEmail: 'zoe@s.edu', deviceName: null, groupName: 'North' },
      { clientUserId: null, serialNumber: 'dmpxk1abc001', userName: 'Zoë Park', userEmail: 'zoe@s.edu', deviceName: 'Cart 1', groupName: 'North' },
      { clientUserId: 'cu-stranger', serialNumber: null, userName: null, userEmail: null, deviceName: null, groupName: null },
    ]);
  });

  it('lists Apple users with their directory name, devices and license count, filtered by status', () => {
    const store = cache();
    const filter = { serviceIds: [1], holders: everybody, search: '', status: null, sort: 'name' as const, direction: 'asc' as const, offset: 0, limit: 100 };
    const all = store.appleUsers(filter);
    expect(all.total).toBe(2);
    expect(all.rows.map((u) => [u.userName, u.status, u.inviteCodePresent, u.deviceCount, u.licenseCount])).toEqual([
      ['Ben Okafor', 'Registered', true, 0, 0],
      ['Zoë Park', 'Associated', false, 1, 1],
    ]);
    expect(store.appleUsers({ ...filter, status: 'Registered' }).rows.map((u) => u.clientUserId)).toEqual(['cu-ben']);
    expect(store.appleUsers({ ...filter, search: 'zoe' }).rows.map((u) => u.clientUserId)).toEqual(['cu-zoe']);
    expect(store.appleUsers({ ...filter, sort: 'licenses', direction: 'desc' }).rows.map((u) => [u.clientUserId, u.licenseCount])).toEqual([
      ['cu-zoe', 1],
      ['cu-ben', 0],
    ]);
  });
});

describe('an export on the read connection', () => {
  it('reads one consistent cache while a sync publishes a new one, and never blocks the app’s writes', () => {
    const file = join(tempDir(), 'md.sqlite');
    const db = cacheDatabase(file);
    const exportDb = openReadConnection(file);
    const holders = new ReportStore(exportDb).eachAssignment({ serviceId: 1, adamId: '200', pricing: 'STDQ', holders: everybody });
    const first = holders.next();
    expect(first.value).toEqual(['Zoë Park', 'zoe@s.edu', 'cu-zoe', null, null, 'North']);

    // A sync publishes generation 3 while the export is half way through generation 2.
    db.prepare("INSERT INTO cached_assignments (service_id, generation, adam_id, pricing, client_user_id) VALUES (1, 3, '200', 'STDQ', 'cu-late')").run();
    db.prepare('UPDATE sync_state SET live_generation = 3 WHERE service_id = 1').run();
    db.prepare('DELETE FROM cached_assignments WHERE service_id = 1 AND generation = 2').run();

    expect([...holders].map((row) => row[2] ?? row[4])).toEqual(['dmpxk1abc001', 'cu-stranger']);
    expect([...new ReportStore(exportDb).eachAssignment({ serviceId: 1, adamId: '200', pricing: 'STDQ', holders: everybody })].map((row) => row[2])).toEqual(['cu-ben', 'cu-late']);
    exportDb.close();
    db.close();
  });

  it('streams an app with tens of thousands of holders row by row from one snapshot while the app writes', () => {
    const file = join(tempDir(), 'md.sqlite');
    const db = cacheDatabase(file);
    const insert = db.prepare("INSERT INTO cached_assignments (service_id, generation, adam_id, pricing, client_user_id) VALUES (1, 2, '100', 'STDQ', ?)");
    db.transaction(() => {
      for (let i = 0; i < 25_000; i++) insert.run(`cu-${i}`);
    })();
    const exportDb = openReadConnection(file);
    const holders = new ReportStore(exportDb).eachAssignment({ serviceId: 1, adamId: '100', pricing: 'STDQ', holders: everybody });
    expect(holders.next().value?.[2]).toBe('cu-0');
    db.prepare('UPDATE sync_state SET live_generation = 3 WHERE service_id = 1').run();
    db.prepare("DELETE FROM cached_assignments WHERE service_id = 1 AND generation = 2 AND adam_id = '100'").run();
    let rest = 0;
    for (const row of holders) rest += row[2]?.startsWith('cu-') ? 1 : 0;
    expect(rest).toBe(24_999);
    exportDb.close();
    db.close();
  });

  it('an export that never starts, as when the save dialog is cancelled, leaves the next one and the app’s writes working', () => {
    const db = cacheDatabase();
    const store = new ReportStore(db);
    const holdersOf200 = { serviceId: 1, adamId: '200', pricing: 'STDQ', holders: everybody };
    store.eachAssignment(holdersOf200);
    expect([...store.eachAssignment(holdersOf200)]).toHaveLength(3);
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1')").run()).not.toThrow();
  });
});

describe('the Users tab', () => {
  const filter: AppleUserFilter = { serviceIds: [1, 2], holders: everybody, search: '', status: null, sort: 'name', direction: 'asc', offset: 0, limit: 100 };
  const ids = (store: ReportStore, extra: Partial<AppleUserFilter>) => store.appleUsers({ ...filter, ...extra }).rows.map((u) => u.clientUserId);

  it('sorts the Apple users of several services as one list, ignoring case, in any window', () => {
    const store = cache();
    expect(ids(store, {})).toEqual(['cu-amy', 'cu-ben', 'cu-zoe']);
    expect(ids(store, { direction: 'desc' })).toEqual(['cu-zoe', 'cu-ben', 'cu-amy']);
    expect(ids(store, { offset: 1, limit: 1 })).toEqual(['cu-ben']);
    expect(ids(store, { sort: 'email', direction: 'desc' })).toEqual(['cu-zoe', 'cu-ben', 'cu-amy']);
    expect(ids(store, { sort: 'status' })).toEqual(['cu-amy', 'cu-zoe', 'cu-ben']);
    expect(store.appleUsers({ ...filter, status: 'Associated' })).toMatchObject({ total: 2, rows: [{ clientUserId: 'cu-amy' }, { clientUserId: 'cu-zoe' }] });
    expect(store.appleUsers({ ...filter, serviceIds: [] })).toEqual({ total: 0, rows: [] });
  });

  it('finds a person by any part of their name or emails, or by the exact clientUserId', () => {
    const store = cache();
    expect(store.appleUsers({ ...filter, search: 'OKAF' })).toMatchObject({ total: 1, rows: [{ clientUserId: 'cu-ben', userName: 'Ben Okafor' }] });
    expect(ids(store, { search: '@s.edu', sort: 'licenses', direction: 'desc' })).toEqual(['cu-zoe', 'cu-ben']);
    expect(ids(store, { search: 'north' })).toEqual(['cu-amy']);
    expect(ids(store, { search: 'cu-amy' })).toEqual(['cu-amy']);
    expect(ids(store, { search: 'cu-' })).toEqual([]);
    expect(ids(store, { search: 'zoe', status: 'Registered' })).toEqual([]);
    expect(store.appleUsers({ ...filter, search: '100%' })).toEqual({ total: 0, rows: [] });
  });

  it('counts every match of a search across services in any sort, even for a window past the last one', () => {
    const db = cacheDatabase();
    // Ben holds an Apple account in the second service too, under the same clientUserId.
    db.prepare("INSERT INTO cached_apple_users (service_id, generation, client_user_id, email, status) VALUES (2, 7, 'cu-ben', 'ben@s.edu', 'Associated')").run();
    new ReportSortKeys(db).refresh(2, 7);
    const store = new ReportStore(db);
    const found = (extra: Partial<AppleUserFilter>) => {
      const { total, rows } = store.appleUsers({ ...filter, search: '@s.edu', ...extra });
      return { total, rows: rows.map((u) => `${u.clientUserId}/${u.serviceId}`) };
    };
    expect(found({})).toEqual({ total: 3, rows: ['cu-ben/1', 'cu-ben/2', 'cu-zoe/1'] });
    expect(found({ direction: 'desc' })).toEqual({ total: 3, rows: ['cu-zoe/1', 'cu-ben/1', 'cu-ben/2'] });
    expect(found({ sort: 'email', offset: 1, limit: 1 })).toEqual({ total: 3, rows: ['cu-ben/2'] });
    expect(found({ sort: 'status' })).toEqual({ total: 3, rows: ['cu-ben/2', 'cu-zoe/1', 'cu-ben/1'] });
    expect(found({ sort: 'status', offset: 5 })).toEqual({ total: 3, rows: [] });
    expect(found({ status: 'Registered', offset: 1 })).toEqual({ total: 1, rows: [] });
    const [row] = store.appleUsers({ ...filter, search: 'okafor', sort: 'licenses' }).rows;
    expect(Object.keys(row!).sort()).toEqual(Object.keys(store.appleUsers({ ...filter, sort: 'licenses' }).rows[0]!).sort());
    expect(row).not.toHaveProperty('total');
    expect(row).not.toHaveProperty('sortKey');
  });

  it('follows the directory at once: a person renamed, added or deleted sorts and is found by the new name without a sync', () => {
    const db = cacheDatabase();
    const store = new ReportStore(db);
    db.prepare("UPDATE users SET name = 'Aaron Okafor' WHERE id = 2").run();
    expect(ids(store, { search: 'aaron' })).toEqual(['cu-ben']);
    expect(ids(store, { search: 'Ben Okafor' })).toEqual([]);
    expect(ids(store, {})).toEqual(['cu-ben', 'cu-amy', 'cu-zoe']);

    db.prepare("INSERT INTO users (name, email, role, home_group_id, client_user_id, created_at, updated_at) VALUES ('Amy Zhou', 'amy@north.edu', 'student', 2, 'cu-amy', 'x', 'x')").run();
    expect(ids(store, { search: 'zhou' })).toEqual(['cu-amy']);
    expect(ids(store, { direction: 'desc' })).toEqual(['cu-zoe', 'cu-amy', 'cu-ben']);

    db.prepare('DELETE FROM users WHERE id = 2').run();
    expect(ids(store, { search: 'aaron' })).toEqual([]);
    expect(store.appleUsers({ ...filter, search: 'ben@' }).rows).toMatchObject([{ clientUserId: 'cu-ben', userName: null }]);
  });
});

describe('CSV export', () => {
  it('quotes as spreadsheets expect and never lets a cell run as a formula', () => {
    expect(csvField('Math, Grade 3')).toBe('"Math, Grade 3"');
    expect(csvField('Read "Hamlet"')).toBe('"Read ""Hamlet"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-5')).toBe("'-5");
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
  });

  it('streams every row of the view to the file, waiting for a slow disk instead of holding the file in memory', async () => {
    const chunks: string[] = [];
    let mostPending = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        mostPending = Math.max(mostPending, slow.writableLength);
        setTimeout(done, 1);
      },
    });
    const rows = Array.from({ length: 300_000 }, (_, i) => [`Student ${i}`, i]);
    expect(await writeCsv(slow, ['Name', 'Number'], rows)).toBe(300_000);
    const text = chunks.join('');
    expect(text.length).toBeGreaterThan(6 * 1024 * 1024);
    expect(mostPending).toBeLessThan(4.5 * 1024 * 1024);
    expect(text.startsWith('\uFEFFName,Number\r\nStudent 0,0\r\n')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(300_001);
  });

  it('offers a browser download once, through an unguessable link', async () => {
    const clock = { now: () => new Date() };
    const downloads = new DownloadStore(tempDir(), clock);
    const target = (await downloads.destination('licenses.csv'))!;
    await writeCsv(target.stream, ['A'], [['1']]);
    const { downloadUrl } = await target.finish();
    const id = downloadUrl!.split('/').pop()!;
    expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const file = downloads.take(id)!;
    expect(file.name).toBe('licenses.csv');
    let text = '';
    for await (const chunk of file.open()) text += String(chunk);
    expect(text).toBe('\uFEFFA\r\n1\r\n');
    file.remove();
    expect(downloads.take(id)).toBeNull();
  });
});

describe('whose records the report shows at a level', () => {
  /**
   * The cache above, plus a second school: South has Sam (an Apple user and a license holder of
   * the district's service), a device of Sam's, a North student's iPad kept at South, a South
   * student's iPad kept at North, and an unowned cart at North. The district's service also
   * knows an Apple user and a serial that nobody in the directory matches.
   */
  function twoSchools() {
    const db = cacheDatabase();
    db.exec(`
      INSERT INTO groups (id, parent_id, name, kind, created_at) VALUES (3, 1, 'South', 'school', 'x'), (4, 2, 'North Class 5A', 'class', 'x');
      INSERT INTO users (id, name, email, role, home_group_id, client_user_id, created_at, updated_at)
        VALUES (3, 'Sam Reyes', 'sam@s.edu', 'student', 3, 'cu-sam', 'x', 'x'), (4, 'Ida Lind', 'ida@s.edu', 'student', 3, 'cu-ida', 'x', 'x');
      INSERT INTO devices (id, serial_number, name, platform, os_version, home_group_id, user_id, created_at, updated_at) VALUES
        (2, 'SOUTHSAM0001', 'Sam iPad', 'iPadOS', '17.4', 3, 3, 'x', 'x'),
        (3, 'SOUTHZOE0001', 'Zoe spare', 'iPadOS', '17.4', 3, 1, 'x', 'x'),
        (4, 'NORTHSAM0002', 'Sam loaner', 'iPadOS', '17.4', 2, 3, 'x', 'x'),
        (5, 'NORTHCART001', 'Cart 2', 'iPadOS', '17.4', 2, NULL, 'x', 'x');
    `);
    const assignment = db.prepare("INSERT INTO cached_assignments (service_id, generation, adam_id, pricing, client_user_id, serial_number) VALUES (1, 2, '200', 'STDQ', ?, ?)");
    for (const serial of ['SOUTHSAM0001', 'SOUTHZOE0001', 'NORTHSAM0002', 'NORTHCART001', 'GONE00000001']) assignment.run(null, serial);
    assignment.run('cu-sam', null);
    const appleUser = db.prepare("INSERT INTO cached_apple_users (service_id, generation, client_user_id, email, status) VALUES (1, 2, ?, ?, 'Associated')");
    appleUser.run('cu-sam', 'sam@s.edu');
    appleUser.run('cu-ida', 'ida@s.edu');
    appleUser.run('cu-ghost', 'ghost@old.edu');
    new ReportSortKeys(db).refresh(1, 2);
    return { db, store: new ReportStore(db) };
  }

  const north = (extra: Partial<HolderScope> = {}): HolderScope => ({ groupIds: [2, 4], everyone: false, unmatchedServiceIds: [], ...extra });
  const usersFilter = (holders: HolderScope, extra: Partial<AppleUserFilter> = {}): AppleUserFilter => ({
    serviceIds: [1],
    holders,
    search: '',
    status: null,
    sort: 'name',
    direction: 'asc',
    offset: 0,
    limit: 100,
    ...extra,
  });
  const holdersOf = (store: ReportStore, holders: HolderScope) => {
    const page = store.assignments({ serviceId: 1, adamId: '200', pricing: 'STDQ', holders, offset: 0, limit: 100 });
    return { ...page, rows: page.rows.map((r) => r.clientUserId ?? r.serialNumber) };
  };

  it('at a school, lists only that school’s people in every sort, search and export, and counts only them', () => {
    const { store } = twoSchools();
    for (const sort of ['name', 'email', 'status', 'licenses'] as const) {
      expect(store.appleUsers(usersFilter(north(), { sort })).rows.map((u) => u.clientUserId).sort()).toEqual(['cu-ben', 'cu-zoe']);
    }
    expect(store.appleUsers(usersFilter(north()))).toMatchObject({ total: 2 });
    expect(store.appleUsers(usersFilter(north(), { search: '@s.edu', sort: 'licenses' }))).toMatchObject({ total: 2 });
    expect(store.appleUsers(usersFilter(north(), { search: 'sam' }))).toEqual({ total: 0, rows: [] });
    expect(store.appleUsers(usersFilter(north(), { search: 'cu-sam' }))).toEqual({ total: 0, rows: [] });
    expect([...store.eachAppleUser(usersFilter(north()))].map((u) => u.clientUserId).sort()).toEqual(['cu-ben', 'cu-zoe']);
  });

  it('shows a device license by its owner, an unowned device by where it is kept, and counts the rest as outside', () => {
    const { store } = twoSchools();
    // Zoë's spare at South is hers; Sam's loaner at North is Sam's; the cart belongs to nobody and stands at North.
    expect(holdersOf(store, north())).toEqual({ total: 4, outside: 5, rows: ['cu-zoe', 'dmpxk1abc001', 'SOUTHZOE0001', 'NORTHCART001'] });
    const south: HolderScope = { groupIds: [3], everyone: false, unmatchedServiceIds: [] };
    expect(holdersOf(store, south)).toEqual({ total: 3, outside: 6, rows: ['SOUTHSAM0001', 'NORTHSAM0002', 'cu-sam'] });
    const exported = [...store.eachAssignment({ serviceId: 1, adamId: '200', pricing: 'STDQ', holders: south })];
    expect(exported.map((row) => row[2] ?? row[4])).toEqual(['SOUTHSAM0001', 'NORTHSAM0002', 'cu-sam']);
    expect(exported.flat()).not.toContain('Zoë Park');
  });

  it('counts a class roster and an extra location as at the level, as the directory does', () => {
    const { db, store } = twoSchools();
    db.prepare("INSERT INTO group_members (group_id, user_id, role) VALUES (4, 4, 'student')").run();
    expect(store.appleUsers(usersFilter(north())).rows.map((u) => u.clientUserId).sort()).toEqual(['cu-ben', 'cu-ida', 'cu-zoe']);
    const classOnly: HolderScope = { groupIds: [4], everyone: false, unmatchedServiceIds: [] };
    expect(store.appleUsers(usersFilter(classOnly)).rows.map((u) => u.clientUserId)).toEqual(['cu-ida']);
  });

  it('shows what matches nobody in the directory only where the scope allows it, and otherwise every match', () => {
    const { store } = twoSchools();
    expect(store.appleUsers(usersFilter(north({ unmatchedServiceIds: [1] }))).rows.map((u) => u.clientUserId).sort()).toEqual(['cu-ben', 'cu-ghost', 'cu-zoe']);
    expect(holdersOf(store, north({ unmatchedServiceIds: [1] })).rows).toEqual(['cu-zoe', 'dmpxk1abc001', 'cu-stranger', 'SOUTHZOE0001', 'NORTHCART001', 'GONE00000001']);
    const districtOnlyMatches: HolderScope = { groupIds: [1, 2, 3, 4], everyone: true, unmatchedServiceIds: [] };
    expect(store.appleUsers(usersFilter(districtOnlyMatches)).rows.map((u) => u.clientUserId).sort()).toEqual(['cu-ben', 'cu-ida', 'cu-sam', 'cu-zoe']);
    expect(holdersOf(store, districtOnlyMatches)).toMatchObject({ total: 7, outside: 2 });
    expect(holdersOf(store, { ...districtOnlyMatches, unmatchedServiceIds: [1] })).toMatchObject({ total: 9, outside: 0 });
  });
});
