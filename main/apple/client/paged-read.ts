/** Apple asks clients never to have more than five page requests open at once. */
export const MAX_PAGES_IN_FLIGHT = 5;

export interface Page<T> {
  items: T[];
  pageIndex: number;
  totalPages: number;
  versionId: string | null;
}

export interface FetchedPage<T> extends Page<T> {
  /** Present only while more pages remain: the one rule Apple's examples and prose agree on. */
  nextPageIndex: number | null;
}

/** Fetches one page; `undefined` asks for the first page the way Apple wants (no pageIndex). */
export type PageFetcher<T> = (pageIndex: number | undefined, signal: AbortSignal) => Promise<FetchedPage<T>>;

/**
 * The pages of one paged read (/assets, /assignments, /users), in order.
 *
 * The first page is fetched alone; once it tells `totalPages`, up to five later pages are
 * fetched in parallel while pages are still handed out strictly in order. `nextPageIndex`
 * decides when the read ends, so pages added or removed meanwhile are neither lost nor
 * invented. Leaving the loop early cancels the requests still open.
 */
export class PagedRead<T> implements AsyncIterable<Page<T>> {
  private firstVersionId: string | null = null;

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly maxInFlight: number = MAX_PAGES_IN_FLIGHT,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * The `versionId` to keep for the next incremental read, known after the first page.
   *
   * Apple says to store the first page's id: changes made while later pages were read are
   * then read again next time rather than missed.
   */
  get versionId(): string | null {
    return this.firstVersionId;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Page<T>> {
    const cancel = new AbortController();
    const signal = this.signal ? AbortSignal.any([this.signal, cancel.signal]) : cancel.signal;
    const open = new Map<number, Promise<FetchedPage<T>>>();
    const start = (index: number): Promise<FetchedPage<T>> => {
      const request = this.fetchPage(index, signal);
      // Prefetched pages past the end of a shrinking read are never awaited; keep their
      // rejection from surfacing as unhandled.
      request.catch(() => undefined);
      open.set(index, request);
      return request;
    };
    try {
      const first = await this.fetchPage(undefined, signal);
      this.firstVersionId = first.versionId;
      yield withoutNext(first);
      let expected = first.nextPageIndex;
      let knownPages = first.totalPages;
      let launch = expected ?? 0;
      while (expected !== null) {
        launch = Math.max(launch, expected);
        while (open.size < this.maxInFlight && (launch < knownPages || launch === expected)) start(launch++);
        const request = open.get(expected) ?? start(expected);
        const page = await request;
        open.delete(expected);
        yield withoutNext(page);
        knownPages = Math.max(knownPages, page.totalPages);
        expected = page.nextPageIndex;
      }
    } finally {
      cancel.abort();
    }
  }

  /** Every item of every page; for reads known to be small. */
  async all(): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this) items.push(...page.items);
    return items;
  }
}

function withoutNext<T>(page: FetchedPage<T>): Page<T> {
  return { items: page.items, pageIndex: page.pageIndex, totalPages: page.totalPages, versionId: page.versionId };
}
