import type Database from 'better-sqlite3';

/** SQL for the `settings` table: one JSON value per key. */
export class SettingsStore {
  private readonly selectValue;
  private readonly upsert;

  constructor(db: Database.Database) {
    this.selectValue = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    this.upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  /** The stored value, or undefined when the key was never set (or holds something unreadable). */
  get(key: string): unknown {
    const text = this.selectValue.get(key) as string | undefined;
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown): void {
    this.upsert.run(key, JSON.stringify(value));
  }
}
