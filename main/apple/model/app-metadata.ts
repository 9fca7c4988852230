import type { AppleLookupResult } from '../wire/apple-lookup';

export type Platform = 'iOS' | 'iPadOS' | 'macOS' | 'tvOS' | 'watchOS' | 'visionOS';

/** Name and artwork of an app or book, from Apple's public lookup. */
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
