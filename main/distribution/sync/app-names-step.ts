import type { AppMetadataLookup } from '../../apple/client/app-metadata-lookup';
import type { AppleClient } from '../../apple/client/apple-client';
import type { ContentMetadataLookup } from '../../apple/client/content-metadata-lookup';
import type { AppMetadata } from '../../apple/model/app-metadata';
import type { Clock } from '../../clock/clock';
import { DomainError } from '../../errors/domain-error';
import type { AppMetadataStore } from './app-metadata-store';
import type { CacheTarget } from './cache-page-writer';
import { SYNC_PHASES } from './page-copy';
import type { SyncProgress } from './sync-progress';

/** Ids per lookup request, as the lookup clients batch them: one progress step each. */
const LOOKUP_BATCH = 100;

export interface AppNamesContext {
  /** Apple's public lookup: the App Store's titles, not custom apps. */
  lookup: AppMetadataLookup;
  /** The sync's client, for the location's own content metadata lookup. */
  client: AppleClient;
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
 * The location's content metadata lookup is asked first: Apple points MDMs at it for the
 * metadata of what a location manages, and it alone knows custom (B2B) apps. What it does not
 * name (it answers nothing when the token is refused there) goes to the public lookup.
 *
 * It never fails the sync: the report shows the adamId until a later sync finds the name.
 * A lookup that failed a batch (after its retries) is not asked again in this sync, and once
 * both have failed the rest are skipped. Only cancelling stops the sync here.
 */
export async function fetchAppNames(context: AppNamesContext): Promise<AppNamesOutcome> {
  const ids = context.store.unknownAdamIds(context.target);
  const progress = context.progress.read(SYNC_PHASES.appNames);
  const batches = Math.ceil(ids.length / LOOKUP_BATCH);
  let owned = ids.length > 0 ? await ownedContentLookup(context) : null;
  let publicUp = true;
  let found = 0;
  for (let start = 0; start < ids.length && (owned !== null || publicUp); start += LOOKUP_BATCH) {
    const batch = ids.slice(start, start + LOOKUP_BATCH);
    const named = new Map<string, AppMetadata>();
    const ownedNow = owned;
    if (ownedNow !== null) {
      const answer = await attempt(context, 'Content metadata lookup failed', () => ownedNow.lookup(batch, context.signal));
      if (answer === null) owned = null;
      else for (const [adamId, metadata] of answer) named.set(adamId, metadata);
    }
    const rest = batch.filter((adamId) => !named.has(adamId));
    if (publicUp && rest.length > 0) {
      const answer = await attempt(context, 'App name lookup failed', () =>
        context.lookup.lookup(rest, { country: context.country ?? undefined, signal: context.signal }),
      );
      if (answer === null) publicUp = false;
      else for (const [adamId, metadata] of answer) named.set(adamId, metadata);
    }
    context.store.save([...named.values()], context.clock.now());
    found += named.size;
    progress.page(batches, named.size);
  }
  progress.end();
  return { found, notFound: ids.length - found };
}

/** The location's content metadata lookup, or null when it has none or Apple's configs cannot be read now. */
async function ownedContentLookup(context: AppNamesContext): Promise<ContentMetadataLookup | null> {
  return attempt(context, 'Reading where the content metadata lookup is failed', () => context.client.contentMetadataLookup(context.signal));
}

/** The answer, or null after a failure; Apple's own failures (DomainError) are expected offline and not logged. */
async function attempt<T>(context: AppNamesContext, what: string, ask: () => Promise<T>): Promise<T | null> {
  try {
    return await ask();
  } catch (error) {
    if (context.signal.aborted) throw error;
    if (!(error instanceof DomainError)) context.logError(what, error);
    return null;
  }
}
