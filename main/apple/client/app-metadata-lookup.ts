import { appMetadataFromApple, type AppMetadata } from '../model/app-metadata';
import { appleLookupAnswerSchema, appleLookupResultSchema } from '../wire/apple-lookup';
import { AppleRequester } from './apple-requester';
import { resolveTransport, type TransportOptions } from './transport-options';

export const PRODUCTION_LOOKUP_BASE_URL = 'https://itunes.apple.com';

/** Ids per lookup request: keeps URLs short and answers small. */
const LOOKUP_BATCH_SIZE = 100;

export interface AppMetadataLookupOptions extends TransportOptions {
  baseUrl?: string;
  batchSize?: number;
}

/**
 * Names, bundle ids, artwork and platforms of apps and books from Apple's public lookup.
 *
 * Asset lists carry only adamIds. The lookup needs no token; the app caches what it
 * answers and shows the adamId when it cannot be reached.
 */
export class AppMetadataLookup {
  private readonly requester: AppleRequester;
  private readonly batchSize: number;

  constructor(options: AppMetadataLookupOptions = {}) {
    this.requester = new AppleRequester({
      ...resolveTransport(options),
      baseUrl: options.baseUrl ?? PRODUCTION_LOOKUP_BASE_URL,
      serviceName: "Apple's app lookup",
    });
    this.batchSize = options.batchSize ?? LOOKUP_BATCH_SIZE;
  }

  /** Metadata by adamId; ids Apple does not know are absent from the map. */
  async lookup(adamIds: string[], options: { country?: string; signal?: AbortSignal } = {}): Promise<Map<string, AppMetadata>> {
    const ids = [...new Set(adamIds.filter((id) => /^\d+$/.test(id)))];
    const found = new Map<string, AppMetadata>();
    for (let start = 0; start < ids.length; start += this.batchSize) {
      const batch = ids.slice(start, start + this.batchSize);
      const answer = await this.requester.send({
        method: 'GET',
        path: '/lookup',
        query: { id: batch.join(','), entity: 'software', country: options.country },
        authenticated: false,
        answer: appleLookupAnswerSchema,
        signal: options.signal,
      });
      const wanted = new Set(batch);
      for (const raw of answer.results) {
        const result = appleLookupResultSchema.safeParse(raw);
        if (!result.success || !wanted.has(String(result.data.trackId))) continue;
        const metadata = appMetadataFromApple(result.data);
        found.set(metadata.adamId, metadata);
      }
    }
    return found;
  }
}
