import type { SandboxCatalog } from '../sandbox-catalog';
import { artworkDataUri } from '../generator/artwork-svg';
import type { PublicHandler } from './api-context';

/** GET /lookup?id=ID1,ID2&entity=software: the catalog entries of the ids the sandbox knows. */
export const lookup: PublicHandler = (world, query) => {
  const ids = (query.get('id') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const results = ids.flatMap((id) => lookupResult(world.catalog, id));
  return { resultCount: results.length, results };
};

function lookupResult(catalog: SandboxCatalog, adamId: string): object[] {
  const entry = catalog.publicEntry(adamId);
  if (!entry) return [];
  const artwork = artworkDataUri(entry.adamId, entry.name);
  const common = { trackId: Number(entry.adamId), trackName: entry.name, wrapperType: entry.kind, kind: entry.kind };
  if (entry.kind === 'ebook') return [{ ...common, artworkUrl60: artwork, artworkUrl100: artwork }];
  return [
    {
      ...common,
      bundleId: entry.bundleId,
      artworkUrl60: artwork,
      artworkUrl100: artwork,
      artworkUrl512: artwork,
      version: entry.version,
      minimumOsVersion: entry.minimumOsVersion,
      supportedDevices: entry.supportedDevices,
    },
  ];
}
