/** What Apple's store knows about one app or book. */
export interface CatalogEntry {
  adamId: string;
  name: string;
  kind: 'software' | 'ebook';
  bundleId?: string;
  version?: string;
  minimumOsVersion?: string;
  /** Apple's model names ("iPhone15-iPhone15", "MacDesktop-MacDesktop"...). */
  supportedDevices: string[];
  /**
   * The location a custom (B2B) app was made for: only that location's content metadata
   * lookup knows it; the public lookup does not.
   */
  customFor?: string;
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

  /** What the public lookup answers: everything but custom apps. */
  publicEntry(adamId: string): CatalogEntry | undefined {
    const entry = this.entries.get(adamId);
    return entry?.customFor === undefined ? entry : undefined;
  }

  /** What a location's content metadata lookup answers: public titles and its own custom apps. */
  entryFor(adamId: string, locationId: string): CatalogEntry | undefined {
    const entry = this.entries.get(adamId);
    return entry?.customFor === undefined || entry.customFor === locationId ? entry : undefined;
  }
}
