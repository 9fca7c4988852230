/**
 * Full sync of a large district: 2,000 assets, 1,000,000 assignments, 100,000 Apple users,
 * Apple's page size of 1,000.
 *
 * Next to the sync, the two raw limits it is made of, measured in the same run: fetching
 * every page with the same client without storing anything, and inserting the same rows
 * with one bare prepared statement per table in one transaction. "sync / (fetch + insert)"
 * is what the app's streaming, batching and bookkeeping add. The sandbox runs in a process
 * of its own (bench/support/bench-sandbox.ts), so the RSS printed is the app's.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, bench, describe } from 'vitest';
import { AppleClient } from '../main/apple/client/apple-client';
import { createApp } from '../main/app';
import { openDatabase } from '../main/db/open-database';
import { createOsSecretStore } from '../main/keychain/os-secret-store';
import type { ChannelOutput } from '../preload/contract';
import { buildNodeEntry } from '../test/support/node-entry-build';
import type { BenchSandboxReady, BenchSandboxSpec } from './support/bench-sandbox';

type Job = ChannelOutput<'jobs.get'>;

const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

const spec: BenchSandboxSpec = { seed: 2026, apps: 1818, users: 100_000, assignments: 1_000_000, pageSize: 1000 };
const sandboxEntry = await buildNodeEntry('bench/support/bench-sandbox.ts');
const sandboxProcess = spawn(process.execPath, [sandboxEntry.script, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'inherit'] });
const apple = await new Promise<BenchSandboxReady>((resolve, reject) => {
  sandboxProcess.once('exit', (code) => reject(new Error(`The bench sandbox exited with ${code}.`)));
  createInterface({ input: sandboxProcess.stdout }).once('line', (line) => resolve(JSON.parse(line) as BenchSandboxReady));
});
const client = new AppleClient({ token: apple.token, baseUrl: apple.baseUrl });

const keychain = createOsSecretStore(`com.manageddistribution.bench.${randomUUID()}`);
const dataDir = mkdtempSync(join(tmpdir(), 'md-bench-sync-'));
const app = createApp({
  dataDir,
  secrets: keychain,
  apple: { baseUrl: apple.baseUrl, lookupBaseUrl: apple.lookupBaseUrl },
  autoSync: false,
});
const call = async <T>(channel: string, input: unknown): Promise<T> => {
  const result = await app.dispatch(channel, input, 'bench');
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
};
await call('setup.createOrganization', { organizationName: 'Bench District', adminName: 'Bench', email: 'bench@x.edu', password: 'bench password 1' });
const service = await call<{ id: number }>('services.create', { groupId: 1, name: 'District apps' });
await call('tokens.add', { serviceId: service.id, token: apple.token, makeActive: true, checkId: randomUUID() });

// The raw fetch and the sync read the same queries: let the sandbox build them once first.
for (const read of [client.readAssets(), client.readAssignments(), client.readUsers()]) {
  for await (const page of read) if (page) break;
}
const rssBefore = process.memoryUsage().rss;

interface Measured {
  ms: number;
  rows: number;
  peakRss?: number;
}
const results: { fetch?: Measured; sync?: Measured; insert?: Measured } = {};
let maxRssAfterSync = 0;

/** Times `work` and samples RSS every 20 ms while it runs (between its synchronous steps). */
async function sampled<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - started, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

function jobEnd(jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const off = app.bus.subscribe((name, payload) => {
      const job = payload as Job;
      if (name === 'jobs.progress' && job.id === jobId && job.state !== 'running') {
        off();
        resolve(job);
      }
    });
  });
}

describe(`full sync: ${apple.counts.assets.toLocaleString('en-US')} assets, ${apple.counts.assignments.toLocaleString('en-US')} assignments, ${apple.counts.users.toLocaleString('en-US')} users`, () => {
  bench(
    'fetch every page, store nothing',
    async () => {
      const { value: rows, ms, peakRss } = await sampled(async () => {
        let count = 0;
        for (const read of [client.readAssets(), client.readAssignments(), client.readUsers()]) {
          for await (const page of read) count += (page.items as unknown[]).length;
        }
        return count;
      });
      results.fetch = { ms, rows, peakRss };
    },
    once,
  );

  bench(
    'full sync into the cache',
    async () => {
      const { value: job, ms, peakRss } = await sampled(async () => {
        const started = await call<Job>('sync.start', { serviceId: service.id });
        return jobEnd(started.id);
      });
      if (job.state !== 'succeeded') throw new Error(`The sync ended ${job.state}: ${job.message}`);
      const cache = job.summary?.cache ?? {};
      results.sync = { ms, rows: (cache.licenses ?? 0) + (cache.assignments ?? 0) + (cache.users ?? 0), peakRss };
      maxRssAfterSync = process.resourceUsage().maxRSS * 1024;
    },
    once,
  );

  bench(
    'insert the same rows, one prepared statement per table, one transaction',
    () => {
      // The rows the sync stored, read back before the clock starts: only the insert is measured.
      const live = 'WHERE service_id = ? AND generation = (SELECT live_generation FROM sync_state WHERE service_id = ?)';
      const read = (sql: string) => app.db.prepare(`${sql} ${live}`).raw().all(service.id, service.id) as unknown[][];
      const assets = read('SELECT adam_id, pricing, product_type, total, assigned, available, retired, unlimited, device_assignable, revocable, platforms FROM cached_assets');
      const assignments = read('SELECT adam_id, pricing, client_user_id, serial_number FROM cached_assignments');
      const users = read('SELECT client_user_id, email, managed_apple_id, invite_code, id_hash, status FROM cached_apple_users');
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
  const { fetch, sync, insert } = results;
  if (fetch && sync && insert) {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const speed = (m: Measured) => `${Math.round(m.rows / (m.ms / 1000)).toLocaleString('en-US')} rows/s`;
    const row = (m: Measured) => ({ time: seconds(m.ms), rows: m.rows.toLocaleString('en-US'), speed: speed(m), 'peak RSS (sampled)': m.peakRss ? mb(m.peakRss) : '' });
    console.log(`\nFull sync at district scale (Apple: the sandbox in its own process, ${mb(apple.rss)} there)`);
    console.table({ 'fetch (raw limit)': row(fetch), 'insert (raw limit)': row(insert), 'full sync': row(sync) });
    console.log(`sync / (fetch + insert) = ${(sync.ms / (fetch.ms + insert.ms)).toFixed(2)}   (target ≤ 1.5)`);
    console.log(`app process RSS: ${mb(rssBefore)} before; peak during the sync ${mb(sync.peakRss ?? 0)} sampled, ${mb(maxRssAfterSync)} maxRSS of the whole run so far (target < 300 MB)`);
  }
  app.close();
  rmSync(dataDir, { recursive: true, force: true });
  for (const account of await keychain.list()) await keychain.delete(account);
  sandboxProcess.kill();
  sandboxEntry.remove();
});
