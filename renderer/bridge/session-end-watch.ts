import type { Api, ApiError } from '../../preload/contract';

type Listener = (message: string) => void;

// A wrong password answers UNAUTHENTICATED too, and app.status is how the app finds out it is signed out.
const NOT_A_SESSION_END = new Set(['auth.signIn', 'app.status']);

/**
 * Wraps `window.api` so any call answered UNAUTHENTICATED tells the listeners: the session
 * expired or was ended elsewhere, and the app goes back to its sign-in screen saying why.
 */
export function watchSessionEnd(inner: Api): { api: Api; onSessionEnd(listener: Listener): () => void } {
  const listeners = new Set<Listener>();
  const domains = new Map<string, object>();

  function watched(channel: string, method: (input: unknown) => Promise<unknown>) {
    return async (input: unknown) => {
      const result = (await method(input)) as { ok: boolean; error?: ApiError };
      if (!result.ok && result.error?.code === 'UNAUTHENTICATED' && !NOT_A_SESSION_END.has(channel)) {
        for (const listener of listeners) listener(result.error.message);
      }
      return result;
    };
  }

  const api = new Proxy({} as Api, {
    get(_target, domain) {
      if (domain === 'on') return inner.on;
      if (typeof domain !== 'string' || domain === 'then') return undefined;
      let methods = domains.get(domain);
      if (!methods) {
        const innerDomain = (inner as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[domain];
        methods = new Proxy(
          {},
          {
            get: (_t, name) => {
              if (typeof name !== 'string' || name === 'then') return undefined;
              const method = innerDomain?.[name];
              return method ? watched(`${domain}.${name}`, method) : undefined;
            },
          },
        );
        domains.set(domain, methods);
      }
      return methods;
    },
  });

  return {
    api,
    onSessionEnd(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
