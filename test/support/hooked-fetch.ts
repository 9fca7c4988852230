/** Runs before a request to Apple is sent; may wait, or change the sandbox, or cancel a job. */
export type RequestHook = (url: URL) => void | Promise<void>;

/**
 * A fetch for the app's Apple transport that lets a test step in before chosen requests.
 *
 * Used to act at an exact page of a read ("on page 7"): the sandbox's fault queue serves the
 * next matching requests, whichever page they are for, and up to five pages are in flight.
 */
export function hookedFetch() {
  let hook: RequestHook | null = null;
  const answered = new Map<string, Promise<unknown>>();
  const hooked: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (hook) await hook(url);
    const response = globalThis.fetch(input, init);
    answered.set(url.toString(), response.catch(() => undefined));
    return response;
  };
  return {
    fetch: hooked,
    /** The hook for the requests from now on; null removes it. */
    onRequest(next: RequestHook | null): void {
      hook = next;
    },
    /** Resolves once every request sent so far whose URL passes `filter` has its answer (or failed). */
    async settled(filter: (url: URL) => boolean): Promise<void> {
      await Promise.all([...answered].filter(([url]) => filter(new URL(url))).map(([, response]) => response));
    },
  };
}

export type HookedFetch = ReturnType<typeof hookedFetch>;

/** The page a paged read asks for: 0 for the first request (which has no pageIndex). */
export function pageIndexOf(url: URL): number {
  return Number(url.searchParams.get('pageIndex') ?? 0);
}
