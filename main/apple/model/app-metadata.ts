import type { AppleArtworkImage, AppleContentMetadata } from '../wire/apple-content-metadata';
import type { AppleLookupResult } from '../wire/apple-lookup';

export type Platform = 'iOS' | 'iPadOS' | 'macOS' | 'tvOS' | 'watchOS' | 'visionOS';

/** Name and artwork of an app or book, from the location's content metadata lookup or Apple's public lookup. */
export interface AppMetadata {
  adamId: string;
  name: string;
  bundleId: string | null;
  artworkUrl: string | null;
  version: string | null;
  minimumOsVersion: string | null;
  platforms: Platform[];
  isBook: boolean;
}

/** `supportedDevices` names models ("iPhone15-iPhone15", "iPadPro11M4", "MacDesktop-MacDesktop"...). */
const devicePrefixes: [prefix: string, platform: Platform][] = [
  ['iPhone', 'iOS'],
  ['iPod', 'iOS'],
  ['iPad', 'iPadOS'],
  ['Mac', 'macOS'],
  ['AppleTV', 'tvOS'],
  ['Watch', 'watchOS'],
  ['AppleVision', 'visionOS'],
];

export function platformsFromSupportedDevices(devices: string[]): Platform[] {
  const found = new Set<Platform>();
  for (const device of devices) {
    const match = devicePrefixes.find(([prefix]) => device.startsWith(prefix));
    if (match) found.add(match[1]);
  }
  return inPlatformOrder(found);
}

function inPlatformOrder(found: ReadonlySet<Platform>): Platform[] {
  return devicePrefixes.map(([, platform]) => platform).filter((platform, index, all) => found.has(platform) && all.indexOf(platform) === index);
}

export function appMetadataFromApple(wire: AppleLookupResult): AppMetadata {
  return {
    adamId: String(wire.trackId),
    name: wire.trackName ?? String(wire.trackId),
    bundleId: wire.bundleId ?? null,
    artworkUrl: wire.artworkUrl512 ?? wire.artworkUrl100 ?? wire.artworkUrl60 ?? null,
    version: wire.version ?? null,
    minimumOsVersion: wire.minimumOsVersion ?? null,
    platforms: platformsFromSupportedDevices(wire.supportedDevices ?? []),
    isBook: wire.kind === 'ebook',
  };
}

/** The content metadata lookup's `deviceFamilies` ("iphone", "ipad", "mac"...), in the order of devicePrefixes. */
const deviceFamilies: Readonly<Record<string, Platform>> = {
  iphone: 'iOS',
  ipod: 'iOS',
  ipad: 'iPadOS',
  mac: 'macOS',
  tvos: 'tvOS',
  watch: 'watchOS',
  vision: 'visionOS',
};

/** The largest square Apple's artwork templates are asked for; the public lookup's largest is 512 too. */
const ARTWORK_SIZE = 512;

/**
 * Maps one result of the content metadata lookup; the adamId is the key Apple answered it under.
 *
 * Apps come as `kind: iosSoftware` or `desktopApp`; books' kinds name a book (`ebook`...), so
 * any kind containing "book" is one.
 */
export function appMetadataFromContentLookup(adamId: string, wire: AppleContentMetadata): AppMetadata {
  const families = new Set((wire.deviceFamilies ?? []).flatMap((family) => deviceFamilies[family.toLowerCase()] ?? []));
  return {
    adamId,
    name: wire.name ?? wire.nameRaw ?? adamId,
    bundleId: wire.bundleId ?? null,
    artworkUrl: artworkUrl(wire.artwork),
    version: wire.offers?.[0]?.version?.display ?? null,
    minimumOsVersion: wire.minimumOSVersion ?? null,
    platforms: inPlatformOrder(families),
    isBook: /book/i.test(wire.kind ?? ''),
  };
}

/** A usable image address: a template filled in for 512 points, or the largest image up to that size. */
function artworkUrl(artwork: AppleContentMetadata['artwork']): string | null {
  if (artwork === undefined) return null;
  const image = Array.isArray(artwork) ? largestUpTo(artwork, ARTWORK_SIZE) : artwork;
  if (!image) return null;
  const url = image.url
    .replaceAll('{w}', String(ARTWORK_SIZE))
    .replaceAll('{h}', String(ARTWORK_SIZE))
    .replaceAll('{c}', 'bb')
    .replaceAll('{f}', 'png');
  return /[{}]/.test(url) ? null : url;
}

function largestUpTo(images: AppleArtworkImage[], size: number): AppleArtworkImage | undefined {
  const fitting = images.filter((image) => (image.width ?? 0) <= size);
  const pool = fitting.length > 0 ? fitting : images;
  return pool.reduce<AppleArtworkImage | undefined>((best, image) => (best === undefined || (image.width ?? 0) > (best.width ?? 0) ? image : best), undefined);
}
