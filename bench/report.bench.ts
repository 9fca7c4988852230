/**
 * The Managed Distribution Report over a large district's cache: 2,000 titles, 1,000,000
 * assignments, 100,000 Apple users, written by the sync's own writer as a sync writes them.
 *
 * The people live in 20 schools under one district. Prints the p95 of 140 varied Licenses,
 * Users and holders queries (target < 50 ms: a filter or a keystroke in the search box must not
 * stall the window), made as the district's admin and as admins of one school, who see only
 * their school's people (see HolderScope), and the time to export all 1,000,000 assignments to
 * CSV (target < 3 s), next to the raw limit: reading the same rows with one bare statement.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import type { Assignment } from '../main/apple/model/assignment';
import type { VppUser } from '../main/apple/model/vpp-user';
import { openDatabase } from '../main/db/open-database';
import { openReadConnection } from '../main/db/open-read-connection';
import { writeCsv, type CsvValue } from '../main/distribution/report/csv-writer';
import type { HolderScope } from '../main/distribution/report/holder-scope';
import { HolderScopeStore } from '../main/distribution/report/holder-scope-store';
import { ReportStore, type AppleUserFilter, type LicenseFilter } from '../main/distribution/report/report-store';
import { CachePageWriter } from '../main/distribution/sync/cache-page-writer';
import { WRITE_BATCH_ROWS } from '../main/distribution/sync/page-copy';

const TITLES = 2_000;
const USERS = 100_000;
const SCHOOLS = 20;
/** Group ids: 1 the organization, 2 the district, then the schools. */
const schoolId = (k: number) => 3 + (k % SCHOOLS);
const ASSIGNMENTS = 1_000_000;
/** Apple's page size in the sync benchmark. */
const PAGE_ROWS = 1000;
const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
/** Random-looking and fixed per person, like the ids the app gives Apple. */
const clientUserId = (i: number) => createHash('sha1').update(String(i)).digest('hex').slice(0, 32);

const dir = mkdtempSync(join(tmpdir(), 'md-report-bench-'));
const file = join(dir, 'report.sqlite');
const db = openDatabase(file);
db.exec(`
  INSERT INTO groups (id, parent_id, name, kind, created_at) VALUES (1, NULL, 'Bench County', 'organization', 'x'), (2, 1, 'Bench District', 'district', 'x');
  INSERT INTO services (id, group_id, name, created_at) VALUES (1, 1, 'District apps', 'x');
  INSERT INTO sync_state (service_id, live_generation, synced_at) VALUES (1, 1, 'x');
`);
db.transaction(() => {
  const school = db.prepare("INSERT INTO groups (id, parent_id, name, kind, created_at) VALUES (?, 2, ?, 'school', 'x')");
  for (let k = 0; k < SCHOOLS; k++) school.run(schoolId(k), `School ${k}`);
  const asset = db.prepare(`INSERT INTO cached_assets (service_id, generation, adam_id, pricing, product_type, total, assigned, available, retired, unlimited, device_assignable, revocable, platforms)
    VALUES (1, 1, ?, 'STDQ', ?, ?, ?, ?, 0, ?, ?, 1, ?)`);
  const meta = db.prepare("INSERT INTO app_metadata (adam_id, name, bundle_id, platforms, fetched_at) VALUES (?, ?, ?, ?, 'x')");
  for (let i = 0; i < TITLES; i++) {
    const adamId = String(361_000_000 + i);
    const held = ASSIGNMENTS / TITLES;
    const free = i % 10 === 0;
    asset.run(adamId, i % 9 === 0 ? 'Book' : 'App', free ? null : held + (i % 40), held, free ? null : i % 40, free ? 1 : 0, i % 3 === 0 ? 0 : 1, i % 4 === 0 ? '["iOS","macOS"]' : '["iOS"]');
    meta.run(adamId, `Title ${i} ${['Math', 'Reading', 'Science', 'Art', 'Coding'][i % 5]}`, `org.bench.t${i}`, i % 4 === 0 ? '["iPadOS","macOS"]' : '["iPadOS"]');
  }
  const user = db.prepare("INSERT INTO users (name, email, role, home_group_id, client_user_id, created_at, updated_at) VALUES (?, ?, 'student', ?, ?, 'x', 'x')");
  for (let i = 0; i < USERS; i++) user.run(`Student ${i}`, `s${i}@bench.edu`, schoolId(i), clientUserId(i));
})();
// The cache as a full sync leaves it: Apple's pages through the sync's own writer.
const writer = new CachePageWriter(db);
const target = { serviceId: 1, generation: 1 };
for (let start = 0; start < ASSIGNMENTS; start += PAGE_ROWS) {
  const page: Assignment[] = [];
  for (let i = start; i < start + PAGE_ROWS; i++) {
    page.push({ adamId: String(361_000_000 + (i % TITLES)), pricingParam: 'STDQ', clientUserId: clientUserId(i % USERS), serialNumber: null, idHash: null, userStatus: null });
  }
  writer.stageAssignments(target, page, ASSIGNMENTS);
}
await writer.moveStagedAssignments(target, new AbortController().signal, { page: () => undefined, end: () => undefined });
for (let start = 0; start < USERS; start += WRITE_BATCH_ROWS) {
  const batch: VppUser[] = [];
  for (let i = start; i < Math.min(start + WRITE_BATCH_ROWS, USERS); i++) {
    batch.push({ clientUserId: clientUserId(i), email: `s${i}@bench.edu`, managedAppleId: null, inviteCode: null, idHash: null, status: i % 7 === 0 ? 'Registered' : 'Associated' });
  }
  writer.users(target, batch);
}
db.pragma('optimize');
const store = new ReportStore(db);
// Exports read on a connection of their own, as the app's do.
const exportDb = openReadConnection(file);
const exportStore = new ReportStore(exportDb);

/** A direct admin of the organization at the organization: everyone, the unmatched included. */
const everybody: HolderScope = { groupIds: [1, 2, ...Array.from({ length: SCHOOLS }, (_, k) => schoolId(k))], everyone: true, unmatchedServiceIds: [1] };
const holderStore = new HolderScopeStore(db);
/** A direct admin of the district at the district, the scope computed as each call computes it: nobody lives above the district. */
const districtAdmin = (): HolderScope => ({ groupIds: everybody.groupIds.slice(1), everyone: holderStore.noneIn([1]), unmatchedServiceIds: [] });
/** An admin of one school at that school: 5,000 of the 100,000 people. */
const schoolAdmin = (k: number): HolderScope => ({ groupIds: [schoolId(k)], everyone: holderStore.noneIn(everybody.groupIds.filter((g) => g !== schoolId(k))), unmatchedServiceIds: [] });

const licenseBase: LicenseFilter = {
  serviceIds: [1],
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
const userBase: AppleUserFilter = { serviceIds: [1], holders: everybody, search: '', status: null, sort: 'name', direction: 'asc', offset: 0, limit: 100 };

/** 140 filters an admin might set: types, platforms, low availability, searches, sorts, deep windows, at three levels. */
function variedQueries(): (() => unknown)[] {
  const sorts = ['name', 'assigned', 'available', 'total', 'use'] as const;
  const queries: (() => unknown)[] = [];
  for (let i = 0; i < 70; i++) {
    const filter: LicenseFilter = {
      ...licenseBase,
      search: i % 3 === 0 ? ['math', 'Title 1', '36100', 'org.bench.t4', 'coding'][i % 5]! : '',
      productType: i % 4 === 1 ? 'Book' : i % 4 === 2 ? 'App' : null,
      platform: i % 5 === 3 ? 'macOS' : null,
      lowAvailability: i % 6 === 5,
      sort: sorts[i % sorts.length]!,
      direction: i % 2 === 0 ? 'asc' : 'desc',
      offset: (i % 7) * 100,
    };
    queries.push(() => store.licenses(filter));
  }
  const userSorts = ['name', 'email', 'status', 'licenses'] as const;
  for (let i = 0; i < 30; i++) {
    const filter: AppleUserFilter = {
      ...userBase,
      search: i % 3 === 0 ? `Student ${i * 37}` : '',
      status: i % 4 === 1 ? 'Registered' : null,
      sort: userSorts[i % userSorts.length]!,
      direction: i % 2 === 0 ? 'asc' : 'desc',
      offset: (i % 5) * 5000,
    };
    queries.push(() => store.appleUsers(filter));
  }
  for (let i = 0; i < 30; i++) {
    const at = i % 3 === 0 ? districtAdmin : () => schoolAdmin(i);
    const filter: Omit<AppleUserFilter, 'holders'> = {
      ...userBase,
      search: i % 3 === 1 ? `Student ${i * 41}` : i % 5 === 2 ? 'student 1' : '',
      status: i % 4 === 1 ? 'Registered' : null,
      sort: userSorts[i % userSorts.length]!,
      direction: i % 2 === 0 ? 'asc' : 'desc',
      offset: (i % 4) * 1000,
    };
    queries.push(() => store.appleUsers({ ...filter, holders: at() }));
  }
  for (let i = 0; i < 10; i++) {
    queries.push(() => store.assignments({ serviceId: 1, adamId: String(361_000_000 + i * 97), pricing: 'STDQ', holders: schoolAdmin(i), offset: (i % 3) * 100, limit: 100 }));
  }
  return queries;
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1]!;
}

describe(`report over ${ASSIGNMENTS.toLocaleString()} assignments and ${USERS.toLocaleString()} Apple users`, () => {
  bench(
    '100 varied filters (p95 printed)',
    () => {
      const times = variedQueries().map((query) => {
        const start = performance.now();
        query();
        return performance.now() - start;
      });
      const scoped = times.slice(100);
      console.log(
        `report filters: p95 ${p95(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (target p95 < 50 ms); as district and school admins: p95 ${p95(scoped).toFixed(1)} ms, max ${Math.max(...scoped).toFixed(1)} ms`,
      );
    },
    once,
  );

  bench(
    `export all ${ASSIGNMENTS.toLocaleString()} assignments to CSV`,
    async () => {
      const start = performance.now();
      const csvFile = join(dir, 'assignments.csv');
      function* rows(): Generator<CsvValue[]> {
        for (let i = 0; i < TITLES; i++) yield* exportStore.eachAssignment({ serviceId: 1, adamId: String(361_000_000 + i), pricing: 'STDQ', holders: everybody });
      }
      const count = await writeCsv(createWriteStream(csvFile), ['User', 'Email', 'Client user ID', 'Device', 'Serial number', 'Group'], rows());
      const exported = performance.now() - start;

      const rawStart = performance.now();
      let raw = 0;
      for (const row of db.prepare('SELECT client_user_id FROM cached_assignments').iterate()) raw += row ? 1 : 0;
      const rawMs = performance.now() - rawStart;
      rmSync(csvFile, { force: true });
      console.log(
        `export: ${count.toLocaleString()} rows in ${(exported / 1000).toFixed(2)} s (target < 3 s); raw read of ${raw.toLocaleString()} rows ${(rawMs / 1000).toFixed(2)} s; ratio ${(exported / rawMs).toFixed(1)}`,
      );
    },
    once,
  );
});

afterAll(() => {
  exportDb.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
