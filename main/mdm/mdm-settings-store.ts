import type Database from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../preload/contract';
import type { SecretStore } from '../keychain/secret-store';
import type { NanoMdmConnection } from './nanomdm-adapter';

/** The keychain account of the MDM server's API key; the database never holds it. */
export const MDM_API_KEY_ACCOUNT = 'mdm:apiKey';

const BASE_URL_KEY = 'mdm.baseUrl';

export type MdmSettings = ChannelOutput<'mdm.settings'>;
export type MdmSettingsChange = ParsedInput<'mdm.saveSettings'>;

/** The MDM server: its address in the settings table, its API key in the keychain. */
export class MdmSettingsStore {
  private readonly select;
  private readonly upsert;

  constructor(
    db: Database.Database,
    private readonly secrets: SecretStore,
  ) {
    this.select = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    this.upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  async read(): Promise<MdmSettings> {
    return { baseUrl: this.baseUrl(), apiKeySet: (await this.secrets.get(MDM_API_KEY_ACCOUNT)) !== null };
  }

  /** Address and key, or null until both are set. */
  async connection(): Promise<NanoMdmConnection | null> {
    const baseUrl = this.baseUrl();
    const apiKey = baseUrl === '' ? null : await this.secrets.get(MDM_API_KEY_ACCOUNT);
    return apiKey === null ? null : { baseUrl, apiKey };
  }

  /** The key is replaced by a string, removed by '', kept by null; the keychain goes first. */
  async save(input: MdmSettingsChange): Promise<MdmSettings> {
    if (input.apiKey === '') await this.secrets.delete(MDM_API_KEY_ACCOUNT);
    else if (input.apiKey !== null) await this.secrets.set(MDM_API_KEY_ACCOUNT, input.apiKey);
    this.upsert.run(BASE_URL_KEY, JSON.stringify(input.baseUrl));
    return this.read();
  }

  private baseUrl(): string {
    const stored = this.select.get(BASE_URL_KEY) as string | undefined;
    if (stored === undefined) return '';
    try {
      const value: unknown = JSON.parse(stored);
      return typeof value === 'string' ? value : '';
    } catch {
      return '';
    }
  }
}
