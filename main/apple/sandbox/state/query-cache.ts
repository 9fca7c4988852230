const maxEntries = 8;

/**
 * The matching rows of recent queries, kept while the data does not change.
 *
 * A client reads a million assignments as a thousand pages of the same query; filtering the
 * whole table for each page would cost a billion steps. Entries are dropped as soon as the
 * location's version moves on, and the oldest goes first when the cache is full.
 */
export class QueryCache {
  private readonly entries = new Map<string, { version: number; rows: Int32Array }>();

  rows(key: string, version: number, compute: () => Int32Array): Int32Array {
    const cached = this.entries.get(key);
    if (cached && cached.version === version) return cached.rows;
    const rows = compute();
    this.entries.delete(key);
    this.entries.set(key, { version, rows });
    if (this.entries.size > maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return rows;
  }
}
