import { describe, expect, it } from 'vitest';
import { PagedRead, type FetchedPage, type PageFetcher } from '../../../main/apple/client/paged-read';

interface FakeServer {
  fetcher: PageFetcher<number>;
  requested: (number | undefined)[];
  maxOpen: () => number;
  aborted: () => number;
}

/** Pages of `pageSize` numbers; later pages answer sooner, to test ordering. */
function fakeServer(
  totalItems: number,
  pageSize: number,
  shape: (page: FetchedPage<number>) => FetchedPage<number> = (page) => page,
  delayFor: (index: number) => number = (index) => Math.max(1, 12 - (index % 6) * 2),
): FakeServer {
  const requested: (number | undefined)[] = [];
  let open = 0;
  let maxOpen = 0;
  let aborted = 0;
  const totalPages = Math.ceil(totalItems / pageSize);
  const fetcher: PageFetcher<number> = async (pageIndex, signal) => {
    requested.push(pageIndex);
    open++;
    maxOpen = Math.max(maxOpen, open);
    const index = pageIndex ?? 0;
    try {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          aborted++;
          reject(signal.reason);
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, delayFor(index));
        signal.addEventListener('abort', onAbort, { once: true });
      });
    } finally {
      open--;
    }
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, totalItems - index * pageSize)) }, (_, i) => index * pageSize + i);
    return shape({ items, pageIndex: index, totalPages, versionId: `v${index}`, nextPageIndex: index + 1 < totalPages ? index + 1 : null });
  };
  return { fetcher, requested, maxOpen: () => maxOpen, aborted: () => aborted };
}

describe('PagedRead', () => {
  it('hands out every page in order with at most five requests open', async () => {
    const server = fakeServer(1234, 100);
    const read = new PagedRead(server.fetcher);
    const pages: number[] = [];
    const items: number[] = [];
    for await (const page of read) {
      pages.push(page.pageIndex);
      items.push(...page.items);
    }
    expect(pages).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(items).toEqual(Array.from({ length: 1234 }, (_, i) => i));
    expect(server.maxOpen()).toBe(5);
    expect(server.requested[0]).toBeUndefined();
    expect(read.versionId).toBe('v0');
  });

  it('asks for the first page alone, without a pageIndex', async () => {
    const server = fakeServer(50, 100);
    expect(await new PagedRead(server.fetcher).all()).toHaveLength(50);
    expect(server.requested).toEqual([undefined]);
  });

  it('respects a smaller limit of open requests', async () => {
    const server = fakeServer(1000, 100);
    await new PagedRead(server.fetcher, 2).all();
    expect(server.maxOpen()).toBe(2);
  });

  it('stops where nextPageIndex stops, even if totalPages promised more', async () => {
    const server = fakeServer(1000, 100, (page) => ({ ...page, nextPageIndex: page.pageIndex < 2 ? page.pageIndex + 1 : null }));
    const items = await new PagedRead(server.fetcher).all();
    expect(items).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('follows nextPageIndex past the totalPages of the first page when data grew', async () => {
    const server = fakeServer(700, 100, (page) => (page.pageIndex === 0 ? { ...page, totalPages: 3 } : page));
    const items = await new PagedRead(server.fetcher).all();
    expect(items).toEqual(Array.from({ length: 700 }, (_, i) => i));
  });

  it('cancels the requests still open when the reader stops early', async () => {
    const server = fakeServer(2000, 100, undefined, (index) => (index >= 2 ? 60_000 : 1));
    for await (const page of new PagedRead(server.fetcher)) {
      if (page.pageIndex === 1) break;
    }
    expect(server.requested).toEqual([undefined, 1, 2, 3, 4, 5]);
    expect(server.aborted()).toBe(4);
  });

  it('passes on a failure of the page being waited for', async () => {
    const failing: PageFetcher<number> = async (pageIndex) => {
      if (pageIndex === 3) throw new Error('page 3 failed');
      return { items: [pageIndex ?? 0], pageIndex: pageIndex ?? 0, totalPages: 6, versionId: null, nextPageIndex: (pageIndex ?? 0) < 5 ? (pageIndex ?? 0) + 1 : null };
    };
    await expect(new PagedRead(failing).all()).rejects.toThrow('page 3 failed');
  });
});
