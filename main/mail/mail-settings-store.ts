import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ChannelOutput, ParsedInput } from '../../preload/contract';
import { smtpSecurity } from '../../preload/schemas/settings-schemas';
import type { SecretStore } from '../keychain/secret-store';

/** The keychain account of the SMTP password; the database never holds it. */
export const SMTP_PASSWORD_ACCOUNT = 'smtp:password';

export type SmtpSecurity = (typeof smtpSecurity)[number];

/** Everything needed to open an SMTP connection, password included: main-side only. */
export interface SmtpConnection {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string;
  from: string;
  password: string | null;
  ratePerMinute: number;
}

/** The settings as the Settings page shows them: whether a password is stored, never which. */
export type MailSettings = ChannelOutput<'mail.settings'>;
export type MailSettingsChange = ParsedInput<'mail.saveSettings'>;

/**
 * What a fresh install shows, and what an unreadable stored value falls back to: submission
 * port 587 with STARTTLS, the usual district setup, and a rate most mail services accept.
 */
const Stored = z.object({
  host: z.string().catch(''),
  port: z.number().int().catch(587),
  security: z.enum(smtpSecurity).catch('starttls'),
  user: z.string().catch(''),
  from: z.string().catch(''),
  ratePerMinute: z.number().int().min(1).catch(60),
});
type Stored = z.output<typeof Stored>;

const PREFIX = 'mail.';

/**
 * SMTP settings: the `mail.*` rows of the settings table, and the password in the keychain.
 *
 * Listeners hear every save, so the mailer rebuilds its pooled connections with the new
 * server instead of sending on with the old one.
 */
export class MailSettingsStore {
  private readonly selectAll;
  private readonly upsert;
  private readonly writeAll;
  private readonly listeners = new Set<() => void>();

  constructor(
    db: Database.Database,
    private readonly secrets: SecretStore,
  ) {
    this.selectAll = db.prepare('SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?');
    this.upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.writeAll = db.transaction((values: Stored) => {
      for (const [name, value] of Object.entries(values)) this.upsert.run(PREFIX + name, JSON.stringify(value));
    });
  }

  async read(): Promise<MailSettings> {
    return { ...this.stored(), passwordSet: (await this.secrets.get(SMTP_PASSWORD_ACCOUNT)) !== null };
  }

  /** The server to send through, or null while no server and sender address are set. */
  async connection(): Promise<SmtpConnection | null> {
    const stored = this.stored();
    if (stored.host === '' || stored.from === '') return null;
    return { ...stored, password: await this.secrets.get(SMTP_PASSWORD_ACCOUNT) };
  }

  /**
   * Writes the settings; the password is replaced by a string, removed by '', kept by null.
   *
   * The keychain goes first: if it refuses, nothing in the database has changed either.
   */
  async save(input: MailSettingsChange): Promise<MailSettings> {
    const { password, ...values } = input;
    if (password === '') await this.secrets.delete(SMTP_PASSWORD_ACCOUNT);
    else if (password !== null) await this.secrets.set(SMTP_PASSWORD_ACCOUNT, password);
    this.writeAll(values);
    for (const listener of this.listeners) listener();
    return this.read();
  }

  /** Calls `listener` after every save; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private stored(): Stored {
    const rows = this.selectAll.all(PREFIX.length, PREFIX) as { key: string; value: string }[];
    const raw: Record<string, unknown> = {};
    for (const row of rows) raw[row.key.slice(PREFIX.length)] = parseJson(row.value);
    return Stored.parse(raw);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
