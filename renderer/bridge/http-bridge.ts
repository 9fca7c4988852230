import type { Api, Result } from '../../preload/contract';

const KEY_STORAGE = 'md.key';
const CLIENT_STORAGE = 'md.clientId';

/** Takes the per-run key from the printed URL's fragment, then hides it from the address bar. */
function takeKey(): string {
  const match = /(?:^#|&)key=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(KEY_STORAGE, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

function clientId(): string {
  let id = sessionStorage.getItem(CLIENT_STORAGE);
  if (!id) {
    id = crypto.randomUUID();
    sessionStorage.setItem(CLIENT_STORAGE, id);
  }
  return id;
}

const unreachable: Result<never> = {
  ok: false,
  error: { code: 'OFFLINE', message: 'The app is not answering. Check that it is still running, then try again.' },
};

/**
 * `window.api` for browser mode: the same calls as the desktop preload, over HTTP and SSE.
 *
 * It is a proxy rather than a list of channels so the renderer never imports the contract's
 * code, only its types.
 */
export function createHttpBridge(): Api {
  const key = takeKey();
  const id = clientId();
  let source: EventSource | null = null;

  async function invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    try {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}`, 'X-Client-Id': id },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return unreachable;
    }
  }

  function on(event: string, listener: (payload: unknown) => void): () => void {
    source ??= new EventSource(`/api/events?key=${encodeURIComponent(key)}&client=${encodeURIComponent(id)}`);
    const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data));
    source.addEventListener(event, handler);
    return () => source?.removeEventListener(event, handler);
  }

  const domains = new Map<string, object>();
  return new Proxy({} as Api, {
    get(_target, domain) {
      if (domain === 'on') return on;
      if (typeof domain !== 'string' || domain === 'then') return undefined;
      let methods = domains.get(domain);
      if (!methods) {
        methods = new Proxy(
          {},
          {
            get: (_t, method) =>
              typeof method === 'string' && method !== 'then'
                ? (input: unknown) => invoke(`${domain}.${method}`, input)
                : undefined,
          },
        );
        domains.set(domain, methods);
      }
      return methods;
    },
  });
}
