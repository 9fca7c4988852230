/**
 * Full sync of a large district: 2,000 assets, 1,000,000 assignments, 100,000 Apple users,
 * Apple's page size of 1,000.
 *
 * Next to the sync, the two raw limits it is made of, measured in the same run: fetching
 * every page with the same client without storing anything, and inserting the same rows
 * with one bare prepared statement per table in one transaction. "sync / (fetch + insert)"
 * is what the app's streaming, batching and bookkeeping add.
 *
 * The sandbox (bench/support/bench-sandbox.ts) and the app (bench/support/bench-sync-app.ts)
 * each run in a process of their own, so the RSS printed is the app's alone: neither Apple's
 * million rows nor this benchmark runner count against it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { afterAll, bench, describe } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../main/db/open-database';
import { buildNodeEntry } from '../test/support/node-entry-build';
import type { BenchSandboxReady, BenchSandboxSpec } from './support/bench-sandbox';
import type { BenchSyncAppSpec, BenchSyncMeasure } from './support/bench-sync-app';

const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
/** The target's unit: a million bytes, not a MiB (2^20), which would allow 5% more. */
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** Starts a bundled entry under plain node and resolves with its output's lines once it printed the first. */
async function startProcess(script: string, argument: unknown): Promise<{ child: ChildProcess; lines: Interface; first: string }> {
  const child = spawn(process.execPath, [script, JSON.stringify(argument)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`${script} ended (${signal ?? `exit code ${code}`}) before it was ready.`)));
    lines.once('line', resolve);
  });
  return { child, lines, first };
}

const spec: BenchSandboxSpec = { seed: 2026, apps: 1818, users: 100_000, assignments: 1_000_000, pageSize: 1000 };
const [sandboxEntry, appEntry] = await Promise.all([buildNodeEntry('bench/support/bench-sandbox.ts'), buildNodeEntry('bench/support/bench-sync-app.ts')]);
const sandbox = await startProcess(sandboxEntry.script, spec);
const apple = JSON.parse(sandbox.first) as BenchSandboxReady;

const dataDir = mkdtempSync(join(tmpdir(), 'md-bench-sync-'));
const appSpec: BenchSyncAppSpec = { dataDir, baseUrl: apple.baseUrl, lookupBaseUrl: apple.lookupBaseUrl, token: apple.token };
const appProcess = await startProcess(appEntry.script, appSpec).catch((error: unknown) => {
  sandbox.child.kill();
  throw error;
});

/** Sends one command to the app's process and waits for its answer; fails if the process ends first (a failed sync ends it). */
function inApp(command: 'fetch' | 'sync' | 'close'): Promise<BenchSyncMeasure | null> {
  const { child, lines } = appProcess;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`The app process had ended before "${command}".`));
  return new Promise((resolve, reject) => {
    const ended = (code: number | null, signal: NodeJS.Signals | null) =>
      reject(new Error(`The app process ended (${signal ?? `exit code ${code}`}) before it answered "${command}".`));
    child.once('exit', ended);
    lines.once('line', (line) => {
      child.off('exit', ended);
      resolve(JSON.parse(line) as BenchSyncMeasure | null);
    });
    child.stdin!.write(`${command}\n`);
  });
}

interface Measured {
  ms: number;
  rows: number;
  peakRss?: number;
}
const results: { fetch?: BenchSyncMeasure; sync?: BenchSyncMeasure; insert?: Measured } = {};

describe(`full sync: ${apple.counts.assets.toLocaleString('en-US')} assets, ${apple.counts.assignments.toLocaleString('en-US')} assignments, ${apple.counts.users.toLocaleString('en-US')} users`, () => {
  bench(
    'fetch every page, store nothing',
    async () => {
      results.fetch = (await inApp('fetch')) ?? undefined;
    },
    once,
  );

  bench(
    'full sync into the cache',
    async () => {
      results.sync = (await inApp('sync')) ?? undefined;
    },
    once,
  );

  bench(
    'insert the same rows, one prepared statement per table, one transaction',
    () => {
      const serviceId = results.sync?.serviceId;
      if (serviceId === undefined) throw new Error('The sync did not run.');
      // The rows the sync stored, read back before the clock starts: only the insert is measured.
      const synced = openDatabase(join(dataDir, DATABASE_FILE_NAME));
      const live = 'WHERE service_id = ? AND generation = (SELECT live_generation FROM sync_state WHERE service_id = ?)';
      const read = (sql: string) => synced.prepare(`${sql} ${live}`).raw().all(serviceId, serviceId) as unknown[][];
      const assets = read('SELECT adam_id, pricing, product_type, total, assigned, available, retired, unlimited, device_assignable, revocable, platforms FROM cached_assets');
      const assignments = read('SELECT adam_id, pricing, client_user_id, serial_number FROM cached_assignments');
      const users = read('SELECT client_user_id, email, managed_apple_id, invite_code, id_hash, status FROM cached_apple_users');
      synced.close();
      const insertDir = mkdtempSync(join(tmpdir(), 'md-bench-insert-'));
      const db = openDatabase(join(insertDir, 'insert.sqlite'));
      db.prepare("INSERT INTO groups (parent_id, name, kind, created_at) VALUES (NULL, 'x', 'organization', '2026-01-01')").run();
      db.prepare("INSERT INTO services (id, group_id, name, created_at) VALUES (1, 1, 'x', '2026-01-01')").run();
      const insertAsset = db.prepare('INSERT INTO cached_assets VALUES (1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const insertAssignment = db.prepare('INSERT INTO cached_assignments VALUES (1, 1, ?, ?, ?, ?)');
      const insertUser = db.prepare('INSERT INTO cached_apple_users (service_id, generation, client_user_id, email, managed_apple_id, invite_code, id_hash, status) VALUES (1, 1, ?, ?, ?, ?, ?, ?)');
      const started = performance.now();
      db.transaction(() => {
        for (const row of assets) insertAsset.run(row);
        for (const row of assignments) insertAssignment.run(row);
        for (const row of users) insertUser.run(row);
      })();
      results.insert = { ms: performance.now() - started, rows: assets.length + assignments.length + users.length };
      db.close();
      rmSync(insertDir, { recursive: true, force: true });
    },
    once,
  );
});

afterAll(async () => {
  try {
    const { fetch, sync, insert } = results;
    if (fetch && sync && insert) {
      const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const speed = (m: Measured) => `${Math.round(m.rows / (m.ms / 1000)).toLocaleString('en-US')} rows/s`;
      const row = (m: Measured) => ({ time: seconds(m.ms), rows: m.rows.toLocaleString('en-US'), speed: speed(m), 'peak RSS (sampled)': m.peakRss ? mb(m.peakRss) : '' });
      console.log(`\nFull sync at district scale (Apple: the sandbox in its own process, ${mb(apple.rss)} there)`);
      console.table({ 'fetch (raw limit)': row(fetch), 'insert (raw limit)': row(insert), 'full sync': row(sync) });
      console.log(`sync / (fetch + insert) = ${(sync.ms / (fetch.ms + insert.ms)).toFixed(2)}   (target ≤ 1.5)`);
      console.log(`app process RSS: ${mb(sync.rssAtStart)} at start; peak during the sync ${mb(sync.peakRss)} sampled, ${mb(sync.maxRss)} maxRSS of the whole run so far (target < 300 MB)`);
    }
    // Closing deletes the app's keychain entries; an app process that crashed has left them.
    await inApp('close');
  } finally {
    appProcess.child.kill();
    sandbox.child.kill();
    rmSync(dataDir, { recursive: true, force: true });
    sandboxEntry.remove();
    appEntry.remove();
  }
});
