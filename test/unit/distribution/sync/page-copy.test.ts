import { describe, expect, it } from 'vitest';
import type { AppleClient } from '../../../../main/apple/client/apple-client';
import { PagedRead } from '../../../../main/apple/client/paged-read';
import type { CachePageWriter } from '../../../../main/distribution/sync/cache-page-writer';
import { copyPages, type SyncReadContext } from '../../../../main/distribution/sync/page-copy';
import { SyncProgress } from '../../../../main/distribution/sync/sync-progress';

/** A read of `pages` pages of `size` numbered rows. */
function pagedRead(pages: number, size: number): PagedRead<number> {
  return new PagedRead(async (pageIndex) => {
    const index = pageIndex ?? 0;
    return {
      items: Array.from({ length: size }, (_, i) => index * size + i),
      pageIndex: index,
      totalPages: pages,
      versionId: `v${index}`,
      nextPageIndex: index + 1 < pages ? index + 1 : null,
    };
  });
}

function context(): SyncReadContext & { answers: number } {
  const ctx = {
    client: {} as AppleClient,
    signal: new AbortController().signal,
    writer: {} as CachePageWriter,
    target: { serviceId: 1, generation: 2 },
    progress: new SyncProgress(() => undefined),
    answers: 0,
    answered: () => {
      ctx.answers++;
    },
  };
  return ctx;
}

describe('copying a paged read into the cache', () => {
  it('writes in batches of at least the batch size, then the rest, and keeps the first page’s versionId', async () => {
    const ctx = context();
    const written: number[][] = [];
    const told: number[] = [];
    const write = (rows: number[], totalPages: number) => {
      written.push(rows);
      told.push(totalPages);
    };
    const versionId = await copyPages(ctx, 'Assignments', pagedRead(7, 3), write, 5);
    expect(written.map((rows) => rows.length)).toEqual([6, 6, 6, 3]);
    // Each write is told the read's size, which the staging of a full sync splits its holders by.
    expect(told).toEqual([7, 7, 7, 7]);
    expect(written.flat()).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(versionId).toBe('v0');
    expect(ctx.answers).toBe(7);
    expect(ctx.progress.rowsOf('Assignments')).toBe(21);
  });

  it('an empty read writes nothing', async () => {
    const written: number[][] = [];
    await copyPages(context(), 'Users', pagedRead(1, 0), (rows) => written.push(rows));
    expect(written).toEqual([]);
  });
});
