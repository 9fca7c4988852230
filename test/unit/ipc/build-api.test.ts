import { describe, expect, it, vi } from 'vitest';
import { buildApi } from '../../../preload/build-api';
import { channelNames, channels, eventNames } from '../../../preload/contract';

describe('window.api built from the contract', () => {
  it('has one function per channel, grouped by domain, each calling its own channel', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, value: {} }));
    const api = buildApi({ invoke, subscribe: vi.fn() }) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
    for (const name of channelNames) {
      const [domain, method] = name.split('.') as [string, string];
      await api[domain]![method]!({ probe: name });
      expect(invoke).toHaveBeenLastCalledWith(name, { probe: name });
    }
    expect(invoke).toHaveBeenCalledTimes(channelNames.length);
  });

  it('names every channel domain.method and declares its access', () => {
    for (const name of channelNames) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(['public', 'admin']).toContain(channels[name].access);
    }
  });

  it('subscribes to contract events and refuses any other name', () => {
    const subscribe = vi.fn(() => () => undefined);
    const api = buildApi({ invoke: vi.fn(), subscribe });
    const listener = () => undefined;
    api.on(eventNames[0]!, listener);
    expect(subscribe).toHaveBeenCalledWith(eventNames[0], listener);
    expect(() => (api.on as (e: string, l: () => void) => void)('system.shutdown', listener)).toThrow(/Unknown event "system.shutdown"/);
  });
});
