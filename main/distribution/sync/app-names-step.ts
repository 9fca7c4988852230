import type { AppMetadataLookup } from '../../apple/client/app-metadata-lookup';
import type { Clock } from '../../clock/clock';
import { DomainError } from '../../errors/domain-error';
import type { AppMetadataStore } from './app-metadata-store';
import type { CacheTarget } from './cache-page-writer';
import { SYNC_PHASES } from './page-copy';
import type { SyncProgress } from './sync-progress';

/** Ids per lookup request, as the lookup client batches them: one progress step each. */
const LOOKUP_BATCH = 100;

export interface AppNamesContext {
  lookup: AppMetadataLookup;
  store: AppMetadataStore;
  target: CacheTarget;
  /** The location's store country: names and availability differ by country. */
  country: string | null;
  signal: AbortSignal;
  progress: SyncProgress;
  clock: Clock;
  logError: (message: string, error: unknown) => void;
}

export interface AppNamesOutcome {
  found: number;
  notFound: number;
}

/**
 * Looks up names and icons of the apps and books the cache has no name for yet.
 *
 * It never fails the sync: the report shows the adamId until a later sync finds the name.
 * After a failed batch (the lookup has already retried) the rest are skipped rather than
 * each waiting on a lookup that is down. Only cancelling stops the sync here.
 */
export async function fetchAppNames(context: AppNamesContext): Promise<AppNamesOutcome> {
  const ids = context.store.unknownAdamIds(context.target);
  const progress = context.progress.read(SYNC_PHASES.appNames);
  const batches = Math.ceil(ids.length / LOOKUP_BATCH);
  let found = 0;
  for (let start = 0; start < ids.length; start += LOOKUP_BATCH) {
    try {
      const answer = await context.lookup.lookup(ids.slice(start, start + LOOKUP_BATCH), {
        country: context.country ?? undefined,
        signal: context.signal,
      });
      context.store.save([...answer.values()], context.clock.now());
      found += answer.size;
      progress.page(batches, answer.size);
    } catch (error) {
      if (context.signal.aborted) throw error;
      if (!(error instanceof DomainError)) context.logError('App name lookup failed', error);
      break;
    }
  }
  progress.end();
  return { found, notFound: ids.length - found };
}
