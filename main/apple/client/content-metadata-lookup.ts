import { appMetadataFromContentLookup, type AppMetadata } from '../model/app-metadata';
import { appleContentMetadataAnswerSchema, appleContentMetadataSchema } from '../wire/apple-content-metadata';
import { AppleRequester } from './apple-requester';
import type { ResolvedTransport } from './transport-options';

/** Ids per request, as for the public lookup: Apple documents no limit, and URLs stay short. */
const LOOKUP_BATCH_SIZE = 100;

/** Where a location's content metadata lookup is and how to ask it, from service and client config. */
export interface ContentLookupTarget {
  /** `urls.contentMetadataLookup` of service config. */
  url: string;
  /** The location's `defaultPlatform` (`volumestore`, `enterprisestore`), as Apple asks. */
  platform: string;
  /** The location's store country, lower case as Apple's examples send it. */
  country: string;
}

/**
 * Names and icons of the apps and books one location owns, custom (B2B) apps included.
 *
 * The public lookup knows only what the App Store sells to everyone. Apple's "Getting app and
 * book information (Legacy)" page: `GET <contentMetadataLookup>?version=2&id=…&p=mdm-lockup&
 * caller=MDM&platform=<defaultPlatform>&cc=us&l=en` with the location's sToken as the `itvt`
 * cookie answers the location's own titles too, keyed by adamId under `results`. The same
 * request shape is what ManageEngine's and others' MDM code sends.
 */
export class ContentMetadataLookup {
  private readonly requester: AppleRequester;

  constructor(
    transport: ResolvedTransport,
    private readonly target: ContentLookupTarget,
    private readonly token: string,
  ) {
    this.requester = new AppleRequester({ ...transport, baseUrl: target.url, serviceName: "Apple's content lookup" });
  }

  /** Metadata by adamId; ids the location has no access to are absent from the map. */
  async lookup(adamIds: string[], signal?: AbortSignal): Promise<Map<string, AppMetadata>> {
    const ids = [...new Set(adamIds.filter((id) => /^\d+$/.test(id)))];
    const found = new Map<string, AppMetadata>();
    for (let start = 0; start < ids.length; start += LOOKUP_BATCH_SIZE) {
      const batch = ids.slice(start, start + LOOKUP_BATCH_SIZE);
      const answer = await this.requester.send({
        method: 'GET',
        path: '',
        query: { version: 2, id: batch.join(','), p: 'mdm-lockup', caller: 'MDM', platform: this.target.platform, cc: this.target.country, l: 'en' },
        headers: { Cookie: `itvt=${this.token}` },
        authenticated: false,
        answer: appleContentMetadataAnswerSchema,
        signal,
      });
      for (const adamId of batch) {
        const result = appleContentMetadataSchema.safeParse(answer.results[adamId]);
        if (result.success) found.set(adamId, appMetadataFromContentLookup(adamId, result.data));
      }
    }
    return found;
  }
}
