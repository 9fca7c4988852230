import type { AppleClient } from '../../apple/client/apple-client';
import type { PagedRead } from '../../apple/client/paged-read';
import type { CachePageWriter, CacheTarget } from './cache-page-writer';
import type { SyncProgress } from './sync-progress';

/** The progress bar's phases, in the words the admin sees. */
export const SYNC_PHASES = {
  licenses: 'Licenses',
  assignments: 'Assignments',
  /** A full sync's staged assignments, moved into the cache once read (AssignmentStaging). */
  savingAssignments: 'Saving assignments',
  users: 'Users',
  appNames: 'App names',
} as const;

/** What every read of one sync shares. */
export interface SyncReadContext {
  client: AppleClient;
  signal: AbortSignal;
  writer: CachePageWriter;
  /** The generation this sync writes; readers do not see it until the swap. */
  target: CacheTarget;
  progress: SyncProgress;
  /** Apple answered a request: the app is online. */
  answered(): void;
}

/**
 * Rows written per transaction.
 *
 * Each commit writes every index page it touched, and assignments land at random places in
 * three indexes: a million rows committed a page (1,000 rows) at a time cost 4.5 times one
 * bare transaction, 50,000 at a time about the same as it. A batch holds about 10 MB and
 * blocks the main process for about half a second; memory stays flat in the number of pages.
 */
export const WRITE_BATCH_ROWS = 50_000;

/**
 * Streams one paged read into the cache: pages are written in batches as they arrive and dropped.
 *
 * Memory stays at one batch plus the few pages PagedRead prefetches, however many pages the
 * read has. Returns the read's `versionId` for the next incremental sync.
 */
export async function copyPages<T>(
  context: SyncReadContext,
  phase: string,
  read: PagedRead<T>,
  /** Gets the batch, and the read's number of pages as last told. */
  write: (items: T[], totalPages: number) => void,
  batchRows = WRITE_BATCH_ROWS,
): Promise<string | null> {
  const progress = context.progress.read(phase);
  const batch: T[] = [];
  let totalPages = 0;
  for await (const page of read) {
    totalPages = page.totalPages;
    context.answered();
    for (const item of page.items) batch.push(item);
    if (batch.length >= batchRows) write(batch.splice(0), totalPages);
    progress.page(page.totalPages, page.items.length);
  }
  if (batch.length > 0) write(batch.splice(0), totalPages);
  progress.end();
  return read.versionId;
}
