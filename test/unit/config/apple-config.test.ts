import { describe, expect, it } from 'vitest';
import { appleConfigFromEnv } from '../../../main/config/apple-config';

describe('where Apple is, from the environment', () => {
  it('production when nothing is set', () => {
    expect(appleConfigFromEnv({})).toEqual({});
  });

  it('the lookup sits at the origin of MD_APPLE_BASE_URL, where the sandbox serves it', () => {
    expect(appleConfigFromEnv({ MD_APPLE_BASE_URL: 'http://127.0.0.1:4100/mdm/v2/' })).toEqual({
      baseUrl: 'http://127.0.0.1:4100/mdm/v2',
      lookupBaseUrl: 'http://127.0.0.1:4100',
      eventPollMs: 1000,
    });
  });

  it("polls events every second only on a sandbox on this machine, never on Apple's own service", () => {
    expect(appleConfigFromEnv({ MD_APPLE_BASE_URL: 'http://localhost:4100/mdm/v2' }).eventPollMs).toBe(1000);
    expect(appleConfigFromEnv({ MD_APPLE_BASE_URL: 'https://vpp.itunes.apple.com/mdm/v2' }).eventPollMs).toBeUndefined();
  });

  it('MD_APPLE_LOOKUP_URL wins, and must be https or this machine', () => {
    expect(appleConfigFromEnv({ MD_APPLE_BASE_URL: 'http://127.0.0.1:4100/mdm/v2', MD_APPLE_LOOKUP_URL: 'https://lookup.example.org/' })).toEqual({
      baseUrl: 'http://127.0.0.1:4100/mdm/v2',
      lookupBaseUrl: 'https://lookup.example.org',
      eventPollMs: 1000,
    });
    expect(appleConfigFromEnv({ MD_APPLE_LOOKUP_URL: 'https://lookup.example.org' })).toEqual({ lookupBaseUrl: 'https://lookup.example.org' });
    expect(() => appleConfigFromEnv({ MD_APPLE_LOOKUP_URL: 'http://lookup.example.org' })).toThrow(
      'MD_APPLE_LOOKUP_URL must use https (or point at this machine), not "http://lookup.example.org".',
    );
  });
});
