/**
 * The app, for the sync benchmark, in a process of its own: the RSS it reports is then the
 * app's (its main-process code under plain Node), not the benchmark runner's as well.
 *
 * `node <bundle> '<BenchSyncAppSpec as JSON>'` sets up an organization with one service and
 * the sandbox's token, prints "ready", then answers each command read from stdin with one
 * JSON line (a BenchSyncMeasure): `fetch` reads every page and stores nothing, `sync` runs a
 * full sync through the app's own job. `close` closes the app and deletes its keychain entries.
 * A failed command ends the process; so does the end of stdin, when the benchmark is gone.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { AppleClient } from '../../main/apple/client/apple-client';
import { createApp } from '../../main/app';
import { createOsSecretStore } from '../../main/keychain/os-secret-store';
import type { ChannelOutput } from '../../preload/contract';
import { jobEnd } from '../../test/support/import-files';

export interface BenchSyncAppSpec {
  dataDir: string;
  baseUrl: string;
  lookupBaseUrl: string;
  token: string;
}

export interface BenchSyncMeasure {
  ms: number;
  rows: number;
  /** Sampled every 20 ms while the work ran (between its synchronous steps). */
  peakRss: number;
  /** The process's own high-water mark so far, synchronous steps included. */
  maxRss: number;
  /** Once set up, before any command: the fetch that runs first leaves its heap to the sync. */
  rssAtStart: number;
  serviceId: number;
}

type Job = ChannelOutput<'jobs.get'>;

const spec = JSON.parse(process.argv[2] ?? '{}') as BenchSyncAppSpec;
const client = new AppleClient({ token: spec.token, baseUrl: spec.baseUrl });
const keychain = createOsSecretStore(`com.manageddistribution.bench.${randomUUID()}`);
const app = createApp({
  dataDir: spec.dataDir,
  secrets: keychain,
  apple: { baseUrl: spec.baseUrl, lookupBaseUrl: spec.lookupBaseUrl },
  autoSync: false,
});

async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = await app.dispatch(channel, input, 'bench');
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

await call('setup.createOrganization', { organizationName: 'Bench District', adminName: 'Bench', email: 'bench@x.edu', password: 'quiet lantern orchard 7' });
const service = await call<{ id: number }>('services.create', { groupId: 1, name: 'District apps' });
// Each round is a fresh data folder, a new installation: it takes the location over from the round before.
await call('tokens.add', { serviceId: service.id, token: spec.token, makeActive: true, checkId: randomUUID(), takeOver: true });

/** The three reads a full sync makes, as the raw fetch makes them too. */
const everyRead = () => [client.readAssets(), client.readAssignments(), client.readUsers()];

// The raw fetch and the sync read the same queries: let the sandbox build them once first.
for (const read of everyRead()) {
  for await (const page of read) if (page) break;
}
const rssAtStart = process.memoryUsage().rss;

async function measured(work: () => Promise<number>): Promise<BenchSyncMeasure> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const rows = await work();
    const ms = performance.now() - started;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { ms, rows, peakRss, maxRss: process.resourceUsage().maxRSS * 1024, rssAtStart, serviceId: service.id };
  } finally {
    clearInterval(timer);
  }
}

async function fetchEveryPage(): Promise<number> {
  let rows = 0;
  for (const read of everyRead()) {
    for await (const page of read) rows += page.items.length;
  }
  return rows;
}

async function fullSync(): Promise<number> {
  const started = await call<Job>('sync.start', { serviceId: service.id });
  const job = await jobEnd(app, started.id);
  if (job.state !== 'succeeded') throw new Error(`The sync ended ${job.state}: ${job.message}`);
  const cache = job.summary?.cache ?? {};
  return (cache.licenses ?? 0) + (cache.assignments ?? 0) + (cache.users ?? 0);
}

const commands: Record<string, () => Promise<BenchSyncMeasure | null>> = {
  fetch: () => measured(fetchEveryPage),
  sync: () => measured(fullSync),
  close: async () => {
    app.close();
    for (const account of await keychain.list()) await keychain.delete(account);
    return null;
  },
};

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const command = commands[line.trim()];
  if (!command) throw new Error(`Unknown command: ${line}`);
  const result = await command();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (!result) break;
}
process.exit(0);
