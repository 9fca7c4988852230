import { describe, expect, it } from 'vitest';
import { startSandboxHarness } from '../../support/apple/sandbox-harness';

const app = { pricingParam: 'STDQ', productType: 'App' as const, deviceAssignable: true, revocable: true, supportedPlatforms: ['iOS'] };
const store = { kind: 'software' as const, supportedDevices: ['iPhone15-iPhone15', 'iPadPro11M4-iPadPro11M4'], version: '2.1.0', minimumOsVersion: '16.0' };

/** A location with one App Store app and one custom (B2B) app made for it. */
async function locationWithCustomApp() {
  const harness = await startSandboxHarness();
  const { sandbox, location } = harness;
  sandbox.addAsset(location.id, { ...app, adamId: '361309726', totalCount: 10 }, { ...store, name: 'Pages', bundleId: 'com.apple.Pages' });
  sandbox.addAsset(location.id, { ...app, adamId: '451796775', totalCount: 10 }, { ...store, name: 'Lincoln Hall Pass', bundleId: 'org.lincoln.hallpass', custom: true });
  return harness;
}

describe("the location's content metadata lookup", () => {
  it('names custom apps only for the location whose sToken comes as the itvt cookie, as Apple documents', async () => {
    const { sandbox, token, location, client } = await locationWithCustomApp();
    const url = (await client.getServiceConfig()).contentMetadataLookupUrl;
    const ask = async (cookie?: string) => {
      const query = 'version=2&id=361309726,451796775,999&p=mdm-lockup&caller=MDM&platform=volumestore&cc=us&l=en';
      const response = await fetch(`${url}?${query}`, cookie === undefined ? {} : { headers: { Cookie: `itvt=${cookie}` } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { results: Record<string, { name: string; isB2BCustomApp: boolean }>; isAuthenticated: boolean };
      expect(body.isAuthenticated).toBe(false);
      return Object.fromEntries(Object.entries(body.results).map(([adamId, result]) => [adamId, result.name]));
    };

    expect(await ask()).toEqual({ '361309726': 'Pages' });
    expect(await ask(token)).toEqual({ '361309726': 'Pages', '451796775': 'Lincoln Hall Pass' });
    const other = sandbox.createLocation({ name: 'Other District' });
    expect(await ask(sandbox.mintToken(other.id))).toEqual({ '361309726': 'Pages' });
    const revoked = sandbox.mintToken(location.id);
    sandbox.revokeToken(revoked);
    expect(await ask(revoked)).toEqual({});
  });

  it("asks with the location's platform and country and reads names, bundle ids, versions and platforms", async () => {
    const { sandbox, client } = await locationWithCustomApp();
    const lookup = await client.contentMetadataLookup();
    expect(lookup).not.toBeNull();
    const found = await lookup!.lookup(['361309726', '451796775', '999', 'not-an-id']);

    expect([...found.keys()].sort()).toEqual(['361309726', '451796775']);
    expect(found.get('451796775')).toMatchObject({
      adamId: '451796775',
      name: 'Lincoln Hall Pass',
      bundleId: 'org.lincoln.hallpass',
      version: '2.1.0',
      minimumOsVersion: '16.0',
      platforms: ['iOS', 'iPadOS'],
      isBook: false,
      artworkUrl: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
    });
    const asked = sandbox.recordedRequests().filter((request) => request.path === '/WebObjects/MZStorePlatform.woa/wa/lookup');
    expect(asked.map((request) => request.query)).toEqual([
      { version: '2', id: '361309726,451796775,999', p: 'mdm-lockup', caller: 'MDM', platform: 'volumestore', cc: 'us', l: 'en' },
    ]);
  });

  it('sends the sToken nowhere but over HTTPS or to this machine', async () => {
    const { token, clientWith } = await locationWithCustomApp();
    const asked: string[] = [];
    const elsewhere: typeof fetch = async (input, init) => {
      const url = String(input);
      asked.push(url);
      const response = await fetch(input, init);
      if (!url.endsWith('/service/config')) return response;
      const config = (await response.json()) as { urls: Record<string, string> };
      config.urls.contentMetadataLookup = 'http://lookup.example.org/WebObjects/MZStorePlatform.woa/wa/lookup';
      return new Response(JSON.stringify(config), { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    const client = clientWith({ token, fetch: elsewhere });
    expect(await client.contentMetadataLookup()).toBeNull();
    expect(asked.some((url) => url.includes('example.org'))).toBe(false);
  });
});
