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
/**
 * This machine's speed drifts by tens of percent within a minute, and a slow spell can fall on
 * any one measurement: each round measures all three in a row, and the ratio is the median
 * round's.
 */
const ROUNDS = 3;
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

/** One round's app: a fresh process with a data folder of its own, so each round's sync is a full one into an empty cache. */
interface RoundApp {
  dataDir: string;
  process: Awaited<ReturnType<typeof startProcess>>;
}

async function startRoundApp(): Promise<RoundApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'md-bench-sync-'));
  const appSpec: BenchSyncAppSpec = { dataDir, baseUrl: apple.baseUrl, lookupBaseUrl: apple.lookupBaseUrl, token: apple.token };
  try {
    return { dataDir, process: await startProcess(appEntry.script, appSpec) };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Sends one command to a round's app and waits for its answer; fails if the process ends first (a failed sync ends it). */
function inApp(app: RoundApp, command: 'fetch' | 'sync' | 'close'): Promise<BenchSyncMeasure | null> {
  const { child, lines } = app.process;
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

/** Closing deletes the app's keychain entries (an app process that crashed has left them); then its data folder goes. */
async function endRoundApp(app: RoundApp): Promise<void> {
  try {
    if (app.process.child.exitCode === null && app.process.child.signalCode === null) await inApp(app, 'close');
  } finally {
    app.process.child.kill();
    rmSync(app.dataDir, { recursive: true, force: true });
  }
}

/** Inserts the rows a round's sync stored with one bare prepared statement per table, in one transaction of a new database. */
function bareInsert(dataDir: string, serviceId: number): { ms: number } {
  // The rows the sync stored, read back before the clock starts: only the insert is measured.
  const synced = openDatabase(join(dataDir, DATABASE_FILE_NAME));
  const live = 'WHERE service_id = ? AND generation = (SELECT live_generation FROM sync_state WHERE service_id = ?)';
  const read = (sql: string) => synced.prepare(`${sql} ${live}`).raw().all(serviceId, serviceId) as unknown[][];
  const assets = read('SELECT adam_id, pricing, product_type, total, assigned, available, retired, unlimited, device_assignable, revocable, platforms FROM cached_assets');
  const assignments = read('SELECT adam_id, pricing, client_user_id, serial_number FROM cached_assignments');
  const users = read('SELECT client_user_id, email, managed_apple_id, invite_code, id_hash, status FROM cached_apple_users');
  synced.close();
  const insertDir = mkdtempSync(join(tmpdir(), 'md-bench-insert-'));
  try {
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
    const ms = performance.now() - started;
    db.close();
    return { ms };
  } finally {
    rmSync(insertDir, { recursive: true, force: true });
  }
}

interface Round {
  fetch?: BenchSyncMeasure;
  sync?: BenchSyncMeasure;
  insert?: { ms: number };
}
const rounds: Round[] = Array.from({ length: ROUNDS }, () => ({}));
let current: RoundApp | null = null;

describe(`full sync: ${apple.counts.assets.toLocaleString('en-US')} assets, ${apple.counts.assignments.toLocaleString('en-US')} assignments, ${apple.counts.users.toLocaleString('en-US')} users`, () => {
  rounds.forEach((round, index) => {
    const name = (what: string) => `round ${index + 1} of ${ROUNDS}: ${what}`;
    bench(
      name('fetch every page, store nothing'),
      async () => {
        current = await startRoundApp();
        round.fetch = (await inApp(current, 'fetch')) ?? undefined;
      },
      once,
    );

    bench(
      name('full sync into the cache'),
      async () => {
        if (!current) throw new Error('The round has no app.');
        round.sync = (await inApp(current, 'sync')) ?? undefined;
      },
      once,
    );

    bench(
      name('insert the same rows, one prepared statement per table, one transaction'),
      async () => {
        const app = current;
        current = null;
        if (!app) throw new Error('The round has no app.');
        try {
          const serviceId = round.sync?.serviceId;
          if (serviceId === undefined) throw new Error('The sync did not run.');
          round.insert = bareInsert(app.dataDir, serviceId);
        } finally {
          await endRoundApp(app);
        }
      },
      once,
    );
  });
});

afterAll(async () => {
  try {
    const measured = rounds.filter((r): r is Required<Round> => Boolean(r.fetch && r.sync && r.insert));
    if (measured.length > 0) {
      const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const ratio = (r: Required<Round>) => r.sync.ms / (r.fetch.ms + r.insert.ms);
      console.log(`\nFull sync at district scale, ${measured.length} rounds, each a fresh app process (Apple: the sandbox in its own process, ${mb(apple.rss)} there)`);
      console.table(
        measured.map((r) => ({
          'fetch (raw limit)': seconds(r.fetch.ms),
          'insert (raw limit)': seconds(r.insert.ms),
          'full sync': seconds(r.sync.ms),
          'sync / (fetch + insert)': ratio(r).toFixed(2),
          'app RSS at start': mb(r.sync.rssAtStart),
          'peak RSS (sampled)': mb(r.sync.peakRss),
          maxRSS: mb(r.sync.maxRss),
        })),
      );
      const ratios = measured.map(ratio).sort((a, b) => a - b);
      console.log(`${measured[0]!.sync.rows.toLocaleString('en-US')} rows per sync`);
      console.log(`sync / (fetch + insert), median of the rounds = ${ratios[Math.floor(ratios.length / 2)]!.toFixed(2)}   (target ≤ 1.5)`);
      console.log(`app process RSS, highest of the rounds: ${mb(Math.max(...measured.map((r) => r.sync.maxRss)))}   (target < 300 MB)`);
    }
  } finally {
    try {
      if (current) await endRoundApp(current);
    } finally {
      sandbox.child.kill();
      sandboxEntry.remove();
      appEntry.remove();
    }
  }
});
