import type { SandboxCatalog } from '../sandbox-catalog';
import type { SandboxLocation } from '../state/sandbox-location';
import { generateAssignments } from './assignment-generator';
import { SeededRandom } from './seeded-random';
import { generateTitles } from './title-generator';
import { generateUsers } from './user-generator';

export interface GenerateOptions {
  /** Same seed, same data. */
  seed: number;
  apps: number;
  /** Default: a tenth of `apps`. */
  books?: number;
  users: number;
  /** Device serial numbers holding licenses; default: half of `users`. */
  devices?: number;
  assignments: number;
}

export interface GeneratedCounts {
  assets: number;
  users: number;
  devices: number;
  assignments: number;
}

/**
 * Fills an empty location with a realistic district at any scale, deterministically.
 *
 * Sized for the benchmark's 1,000,000 assignments and 100,000 users: assignments go into the
 * columnar table, and every generated row shares one version so a later incremental read
 * sees only what changed after generation.
 */
export function generateLocation(location: SandboxLocation, catalog: SandboxCatalog, options: GenerateOptions): GeneratedCounts {
  if (location.assets.rows.length > 0 || location.users.rows.length > 0 || location.assignments.length > 0) {
    throw new Error('The generator fills only an empty location.');
  }
  const random = new SeededRandom(options.seed);
  const books = options.books ?? Math.round(options.apps / 10);
  const devices = options.devices ?? Math.round(options.users / 2);
  const version = location.versions.advance();
  const domain = `${location.info.orgName.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example.org`;
  generateTitles(location, catalog, random, options.apps, books);
  generateUsers(location, random, options.users, version, domain);
  const assignments = generateAssignments(location, random, { assignments: options.assignments, devices, seed: options.seed }, version);
  return { assets: options.apps + books, users: options.users, devices, assignments };
}
