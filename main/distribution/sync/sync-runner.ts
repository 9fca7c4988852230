import type Database from 'better-sqlite3';
import type { ReportSortKeys } from '../report/report-sort-keys';
import type { AppMetadataLookup } from '../../apple/client/app-metadata-lookup';
import type { AppleClient } from '../../apple/client/apple-client';
import { FullSyncRequiredError } from '../../apple/errors/full-sync-required-error';
import type { Clock } from '../../clock/clock';
import type { TokenRecord } from '../token-store';
import type { AppMetadataStore } from './app-metadata-store';
import { fetchAppNames, type AppNamesOutcome } from './app-names-step';
import type { CachePageWriter, CacheTarget } from './cache-page-writer';
import type { AppleCallObserver } from './connectivity-monitor';
import { readWholeLocation } from './full-read';
import type { GenerationRowCounts, GenerationStore } from './generation-store';
import { readChanges, type SinceVersions } from './incremental-read';
import type { IncrementalMergeStore } from './incremental-merge-store';
import type { SyncReadContext } from './page-copy';
import type { SyncProgress } from './sync-progress';
import type { SyncStateStore } from './sync-state-store';

export interface SyncStores {
  db: Database.Database;
  syncState: SyncStateStore;
  writer: CachePageWriter;
  merge: IncrementalMergeStore;
  metadata: AppMetadataStore;
  generations: GenerationStore;
  sortKeys: ReportSortKeys;
}

export interface SyncRequest {
  serviceId: number;
  token: TokenRecord;
  client: AppleClient;
  signal: AbortSignal;
  progress: SyncProgress;
  attemptedAt: Date;
  /** A new generation to write under, kept from cleanup until the sync ends. */
  lease(): number;
}

export type SyncMode = 'full' | 'incremental' | 'full after 9721';

export interface SyncOutcome {
  mode: SyncMode;
  /** What the live cache holds after the swap. */
  cache: GenerationRowCounts;
  appNames: AppNamesOutcome;
}

interface RunDeps {
  lookup: AppMetadataLookup;
  clock: Clock;
  appleCalls: AppleCallObserver;
  logError: (message: string, error: unknown) => void;
}

/**
 * One sync of one service, from the first read to the swap.
 *
 * Incremental when the cache has Apple's version ids, full otherwise, and full again when
 * Apple no longer knows the ids (9721). Until the one transaction at the end nothing readers
 * see changes, so anything thrown before it leaves the previous cache whole.
 */
export class SyncRunner {
  constructor(
    private readonly stores: SyncStores,
    private readonly deps: RunDeps,
  ) {}

  async run(request: SyncRequest): Promise<SyncOutcome> {
    const previous = this.stores.syncState.get(request.serviceId);
    const live = previous?.liveGeneration ?? null;
    if (live === null || !previous?.assignmentsVersion || !previous.usersVersion) return this.full(request, 'full');
    try {
      return await this.incremental(request, live, { assignments: previous.assignmentsVersion, users: previous.usersVersion });
    } catch (error) {
      if (!(error instanceof FullSyncRequiredError)) throw error;
      return this.full(request, 'full after 9721');
    }
  }

  /** Everything into a new generation; the swap makes it live, and the old one is deleted afterwards. */
  private async full(request: SyncRequest, mode: SyncMode): Promise<SyncOutcome> {
    const context = this.context(request, request.lease());
    const read = await readWholeLocation(context);
    const appNames = await this.appNames(request, context.target);
    this.stores.syncState.publish({ ...this.publication(request, context.target.generation), ...versions(read) });
    return { mode, cache: this.stores.generations.rowCounts(request.serviceId, context.target.generation), appNames };
  }

  /** Changes into a staging generation, merged into the live one in the same transaction that publishes. */
  private async incremental(request: SyncRequest, live: number, since: SinceVersions): Promise<SyncOutcome> {
    const context = this.context(request, request.lease());
    const read = await readChanges(context, since, live, this.stores.merge);
    const appNames = await this.appNames(request, context.target);
    this.stores.db.transaction(() => {
      this.stores.merge.merge({ serviceId: request.serviceId, live, staging: context.target.generation, replaced: read.replaced });
      this.stores.sortKeys.refresh(request.serviceId, live);
      this.stores.syncState.publish({ ...this.publication(request, live), ...versions(read) });
    })();
    return { mode: 'incremental', cache: this.stores.generations.rowCounts(request.serviceId, live), appNames };
  }

  private appNames(request: SyncRequest, target: CacheTarget): Promise<AppNamesOutcome> {
    return fetchAppNames({
      lookup: this.deps.lookup,
      client: request.client,
      store: this.stores.metadata,
      target,
      country: request.token.country,
      signal: request.signal,
      progress: request.progress,
      clock: this.deps.clock,
      logError: this.deps.logError,
    });
  }

  private context(request: SyncRequest, generation: number): SyncReadContext {
    return {
      client: request.client,
      signal: request.signal,
      writer: this.stores.writer,
      target: { serviceId: request.serviceId, generation },
      progress: request.progress,
      answered: () => this.deps.appleCalls.answered(),
    };
  }

  private publication(request: SyncRequest, generation: number) {
    return { serviceId: request.serviceId, generation, tokenId: request.token.id, attemptedAt: request.attemptedAt, syncedAt: this.deps.clock.now() };
  }
}

function versions(read: { assignmentsVersion: string | null; usersVersion: string | null }) {
  return { assignmentsVersion: read.assignmentsVersion, usersVersion: read.usersVersion };
}
