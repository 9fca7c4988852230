import type { IncomingHttpHeaders } from 'node:http';
import { artworkDataUri } from '../generator/artwork-svg';
import type { CatalogEntry } from '../sandbox-catalog';
import type { SandboxWorld } from '../sandbox-world';
import type { PublicHandler } from './api-context';

/** Where Apple's content metadata lookup lives (`uclient-api.itunes.apple.com`), kept in the sandbox's URL. */
export const CONTENT_METADATA_LOOKUP_PATH = '/WebObjects/MZStorePlatform.woa/wa/lookup';

/** The stores Apple names for an organization's own content; custom apps are answered only there. */
const organizationStores = new Set(['volumestore', 'enterprisestore']);

/** Apple's model-name prefixes of the public lookup, as the content lookup's `deviceFamilies`. */
const families: [prefix: string, family: string][] = [
  ['iPhone', 'iphone'],
  ['iPod', 'ipod'],
  ['iPad', 'ipad'],
  ['Mac', 'mac'],
  ['AppleTV', 'tvos'],
  ['Watch', 'watch'],
];

/**
 * GET <contentMetadataLookup>?version=2&id=ID1,ID2&p=mdm-lockup&caller=MDM&platform=…&cc=…&l=en,
 * as Apple's "Getting app and book information (Legacy)" page shows it.
 *
 * Without an `itvt` cookie it answers the public catalog; with a location's valid sToken as
 * that cookie also the location's custom apps; with a cookie that does not authenticate,
 * nothing: Apple answers an empty `results` then, and `isAuthenticated` is always false.
 */
export const contentMetadataLookup: PublicHandler = (world, query, headers) => {
  const cookie = itvtCookie(headers);
  const locationId = cookie === undefined ? null : authenticatedLocation(world, cookie);
  const ids = (query.get('id') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const organizationStore = organizationStores.has(query.get('platform') ?? '');
  const results: Record<string, object> = {};
  if (cookie === undefined || locationId !== undefined) {
    for (const id of ids) {
      const entry = locationId && organizationStore ? world.catalog.entryFor(id, locationId) : world.catalog.publicEntry(id);
      if (entry) results[id] = contentResult(entry);
    }
  }
  const cc = (query.get('cc') ?? 'us').toUpperCase();
  return { results, version: 2, isAuthenticated: false, meta: { storefront: { cc, id: '143441' }, language: { tag: 'en-us' } } };
};

function itvtCookie(headers: IncomingHttpHeaders): string | undefined {
  const pairs = (headers.cookie ?? '').split(';').map((pair) => pair.trim());
  const pair = pairs.find((candidate) => candidate.startsWith('itvt='));
  return pair?.slice('itvt='.length);
}

/** The location whose valid token the cookie carries; undefined for a revoked, expired or unknown one. */
function authenticatedLocation(world: SandboxWorld, sToken: string): string | undefined {
  const token = world.tokens.find(sToken);
  if (!token || token.revoked || token.expiresAt.getTime() <= world.now().getTime()) return undefined;
  return token.locationId;
}

function contentResult(entry: CatalogEntry): object {
  const deviceFamilies = families.filter(([prefix]) => entry.supportedDevices.some((device) => device.startsWith(prefix))).map(([, family]) => family);
  const macOnly = deviceFamilies.length > 0 && deviceFamilies.every((family) => family === 'mac');
  return {
    id: entry.adamId,
    name: entry.name,
    nameRaw: entry.name,
    kind: entry.kind === 'ebook' ? 'ebook' : macOnly ? 'desktopApp' : 'iosSoftware',
    artwork: { url: artworkDataUri(entry.adamId, entry.name), width: 512, height: 512 },
    deviceFamilies,
    isB2BCustomApp: entry.customFor !== undefined,
    ...(entry.bundleId ? { bundleId: entry.bundleId } : {}),
    ...(entry.minimumOsVersion ? { minimumOSVersion: entry.minimumOsVersion } : {}),
    ...(entry.version ? { offers: [{ type: 'get', price: 0, priceFormatted: '$0.00', version: { display: entry.version } }] } : {}),
  };
}
