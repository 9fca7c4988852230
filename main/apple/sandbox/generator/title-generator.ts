import { UNLIMITED_LICENSE_COUNT } from '../../model/asset';
import type { SandboxCatalog } from '../sandbox-catalog';
import type { SandboxLocation } from '../state/sandbox-location';
import {
  appPrefixes,
  appSubjects,
  appSuffixes,
  bookAdjectives,
  bookNouns,
  devicesByPlatform,
  platformSets,
} from './name-lists';
import type { SeededRandom } from './seeded-random';

/** Spacing of generated adamIds; each also gets a random offset below it, so ids never collide. */
const adamIdStep = 7919;

/** One app in this many is a custom (B2B) app of the location, which the public lookup does not know. */
const customAppEvery = 20;

/**
 * Adds apps and books to a location and to the lookup catalog.
 *
 * The mix is Apple's: about a tenth of apps free (unlimited), some apps not
 * device-assignable, one in twenty a custom app made for the location, books neither
 * device-assignable nor revocable, so every branch of the client and the UI meets real cases.
 */
export function generateTitles(location: SandboxLocation, catalog: SandboxCatalog, random: SeededRandom, apps: number, books: number): void {
  for (let i = 0; i < apps + books; i++) {
    const adamId = String(361_000_000 + i * adamIdStep + random.int(adamIdStep));
    if (i < apps) addApp(location, catalog, random, adamId, i % customAppEvery === customAppEvery / 2);
    else addBook(location, catalog, random, adamId);
  }
}

function addApp(location: SandboxLocation, catalog: SandboxCatalog, random: SeededRandom, adamId: string, custom: boolean): void {
  const subject = random.pick(appSubjects);
  const name = `${random.pick(appPrefixes)} ${subject} ${random.pick(appSuffixes)}`;
  const platforms = [...random.pick(platformSets)];
  location.assets.add({
    adamId,
    pricingParam: 'STDQ',
    productType: 'App',
    totalCount: random.chance(0.1) ? UNLIMITED_LICENSE_COUNT : 0,
    deviceAssignable: random.chance(0.85),
    revocable: true,
    supportedPlatforms: platforms,
  });
  catalog.add({
    adamId,
    name,
    kind: 'software',
    bundleId: `org.sandbox.${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.${adamId}`,
    version: `${1 + random.int(6)}.${random.int(10)}.${random.int(10)}`,
    minimumOsVersion: `${14 + random.int(4)}.0`,
    supportedDevices: platforms.flatMap((platform) => devicesByPlatform[platform] ?? []),
    ...(custom ? { customFor: location.info.id } : {}),
  });
}

function addBook(location: SandboxLocation, catalog: SandboxCatalog, random: SeededRandom, adamId: string): void {
  const name = `The ${random.pick(bookAdjectives)} ${random.pick(bookNouns)}`;
  location.assets.add({
    adamId,
    pricingParam: 'STDQ',
    productType: 'Book',
    totalCount: 0,
    deviceAssignable: false,
    revocable: false,
    supportedPlatforms: ['iOS', 'macOS'],
  });
  catalog.add({ adamId, name, kind: 'ebook', supportedDevices: [] });
}
