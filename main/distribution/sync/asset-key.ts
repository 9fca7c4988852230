/** One license pool of a location: Apple keys assets by adamId and pricing (STDQ or PLUS). */
export interface AssetKey {
  adamId: string;
  pricing: string;
}

/** A Map key for an asset; a space cannot occur in an adamId. */
export function assetKeyText(key: AssetKey): string {
  return `${key.adamId} ${key.pricing}`;
}
