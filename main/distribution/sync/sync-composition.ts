import { ReportSortKeys } from '../report/report-sort-keys';
import type Database from 'better-sqlite3';
import type { AppMetadataLookup } from '../../apple/client/app-metadata-lookup';
import type { AuditLog } from '../../audit/audit-log';
import type { Clock } from '../../clock/clock';
import type { Timers } from '../../clock/timers';
import type { ScopeReader } from '../../directory/admin-scope';
import type { EventBus } from '../../events/event-bus';
import type { JobRegistry } from '../../jobs/job-registry';
import type { ServiceStore } from '../service-store';
import type { TokenService } from '../token-service';
import type { TokenStore } from '../token-store';
import { AppMetadataStore } from './app-metadata-store';
import { AutoSyncScheduler } from './auto-sync-scheduler';
import { CachePageWriter } from './cache-page-writer';
import type { ConnectivityMonitor } from './connectivity-monitor';
import { GenerationCleanup } from './generation-cleanup';
import { GenerationLeases } from './generation-leases';
import { GenerationStore } from './generation-store';
import { IncrementalMergeStore } from './incremental-merge-store';
import { SettingsStore } from './settings-store';
import { syncHandlers } from './sync-handlers';
import { SyncRunner } from './sync-runner';
import { SyncService } from './sync-service';
import { SyncSettings } from './sync-settings';
import { SyncStateStore } from './sync-state-store';

export interface SyncPorts {
  db: Database.Database;
  bus: EventBus;
  clock: Clock;
  audit: AuditLog;
  jobs: JobRegistry;
  scopes: ScopeReader;
  services: ServiceStore;
  tokens: TokenStore;
  tokenService: TokenService;
  connectivity: ConnectivityMonitor;
  lookup: AppMetadataLookup;
  logError: (message: string, error: unknown) => void;
  /** Automatic sync at start and every N hours; off in tests. */
  autoSync: boolean;
  timers: Timers;
}

export interface SyncFeature {
  handlers: ReturnType<typeof syncHandlers>;
  /** Cleans up what killed syncs left and starts the automatic sync. */
  start(): void;
  /** Stops timers, cleanups and running syncs, before the database closes. */
  close(): void;
}

/** Builds sync, its settings and its scheduler from the app's ports, so app.ts wires one thing. */
export function composeSync(ports: SyncPorts): SyncFeature {
  const { db, clock, logError } = ports;
  const generations = new GenerationStore(db);
  const leases = new GenerationLeases((serviceId) => generations.highest(serviceId));
  const syncState = new SyncStateStore(db);
  const runner = new SyncRunner(
    {
      db,
      syncState,
      writer: new CachePageWriter(db),
      merge: new IncrementalMergeStore(db),
      metadata: new AppMetadataStore(db),
      generations,
      sortKeys: new ReportSortKeys(db),
    },
    { lookup: ports.lookup, clock, appleCalls: ports.connectivity, logError },
  );
  const service = new SyncService({
    services: ports.services,
    tokens: ports.tokens,
    tokenService: ports.tokenService,
    scopes: ports.scopes,
    jobs: ports.jobs,
    audit: ports.audit,
    bus: ports.bus,
    clock,
    timers: ports.timers,
    logError,
    runner,
    syncState,
    leases,
    cleanup: new GenerationCleanup(generations, leases, () => ports.services.allIds()),
  });
  const settings = new SyncSettings(new SettingsStore(db), ports.audit);
  const scheduler = ports.autoSync
    ? new AutoSyncScheduler({ syncAll: () => service.syncAllAutomatically(), hours: () => settings.get().autoSyncHours, clock, timers: ports.timers, logError })
    : null;

  return {
    handlers: syncHandlers(service, ports.connectivity, settings),
    start: () => {
      service.cleanUpAbandonedGenerations().catch((error: unknown) => logError('Deleting what an interrupted sync left behind failed', error));
      service.resumeWaits();
      scheduler?.start();
    },
    close: () => {
      scheduler?.stop();
      service.close();
    },
  };
}
