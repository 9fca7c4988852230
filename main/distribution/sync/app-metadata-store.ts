import type Database from 'better-sqlite3';
import type { AppMetadata } from '../../apple/model/app-metadata';
import type { CacheTarget } from './cache-page-writer';

/** SQL for `app_metadata`: names and icons from Apple's lookup, shared by every service. */
export class AppMetadataStore {
  private readonly selectUnknown;
  private readonly upsert;
  private readonly saveTx;

  constructor(db: Database.Database) {
    this.selectUnknown = db
      .prepare(`SELECT DISTINCT a.adam_id FROM cached_assets a WHERE a.service_id = ? AND a.generation = ?
        AND NOT EXISTS (SELECT 1 FROM app_metadata m WHERE m.adam_id = a.adam_id) ORDER BY a.adam_id`)
      .pluck();
    this.upsert = db.prepare(`INSERT OR REPLACE INTO app_metadata (adam_id, name, bundle_id, artwork_url, platforms, kind, fetched_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.saveTx = db.transaction((found: readonly AppMetadata[], at: string) => {
      for (const m of found) {
        this.upsert.run(m.adamId, m.name, m.bundleId, m.artworkUrl, JSON.stringify(m.platforms), m.isBook ? 'ebook' : 'software', at);
      }
    });
  }

  /** The adamIds of a generation's assets that have no name yet. */
  unknownAdamIds(of: CacheTarget): string[] {
    return this.selectUnknown.all(of.serviceId, of.generation) as string[];
  }

  save(found: readonly AppMetadata[], at: Date): void {
    this.saveTx(found, at.toISOString());
  }
}
