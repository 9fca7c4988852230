/** What Apple's public lookup knows about one app or book. */
export interface CatalogEntry {
  adamId: string;
  name: string;
  kind: 'software' | 'ebook';
  bundleId?: string;
  version?: string;
  minimumOsVersion?: string;
  /** Apple's model names ("iPhone15-iPhone15", "MacDesktop-MacDesktop"...). */
  supportedDevices: string[];
}

/** The sandbox's App Store: shared by all locations, as Apple's lookup is. */
export class SandboxCatalog {
  private readonly entries = new Map<string, CatalogEntry>();

  add(entry: CatalogEntry): void {
    this.entries.set(entry.adamId, entry);
  }

  get(adamId: string): CatalogEntry | undefined {
    return this.entries.get(adamId);
  }
}
