/**
 * Splits enrollment ids into groups whose comma-joined, URL-encoded form stays under
 * `maxChars`.
 *
 * NanoMDM takes the ids in the URL path, and proxies in front of it commonly refuse URLs
 * past 8 KB; 4,000 characters (about a hundred device UDIDs) leaves room for the rest of
 * the request line. An id longer than the limit still goes, alone.
 */
export function enrollmentBatches(ids: readonly string[], maxChars = 4000): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let length = 0;
  for (const id of ids) {
    const size = encodeURIComponent(id).length;
    if (batch.length > 0 && length + 1 + size > maxChars) {
      batches.push(batch);
      batch = [];
      length = 0;
    }
    length += (batch.length > 0 ? 1 : 0) + size;
    batch.push(id);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
