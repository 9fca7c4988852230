import {
  channelNames,
  eventNames,
  isEventName,
  splitChannel,
  type Api,
  type EventName,
  type Result,
} from './contract';

export interface ApiTransport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/**
 * `window.api`, built by walking the contract: one function per channel, grouped by domain.
 *
 * Nothing here is written per channel, so a channel added to the contract appears here
 * without another edit, and nothing outside the contract can be called.
 */
export function buildApi(transport: ApiTransport): Api {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of channelNames) {
    const [domain, method] = splitChannel(name);
    (api[domain] ??= {})[method] = (input) => transport.invoke(name, input ?? {});
  }
  const on = (event: string, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new Error(`Unknown event "${event}". Known: ${eventNames.join(', ')}`);
    return transport.subscribe(event, listener);
  };
  return { ...api, on } as unknown as Api;
}
