import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock/clock';
import type { ScopeReader } from '../directory/admin-scope';
import type { GroupStore } from '../directory/group-store';
import type { SecretStore } from '../keychain/secret-store';
import { mailHandlers } from './mail-handlers';
import { MailSettingsService } from './mail-settings-service';
import { MailSettingsStore } from './mail-settings-store';
import { Mailer, type MailerOptions } from './mailer';

export interface MailDeps extends MailerOptions {
  db: Database.Database;
  secrets: SecretStore;
  scopes: ScopeReader;
  audit: AuditLog;
  clock: Clock;
  groups: GroupStore;
}

/**
 * The mail capability, built once by the composition root.
 *
 * `mailer` is what the invitation job sends with; `handlers` go into the handler table.
 */
export function createMail(deps: MailDeps) {
  const settings = new MailSettingsStore(deps.db, deps.secrets);
  const mailer = new Mailer(settings, deps.clock, { trust: deps.trust, sleep: deps.sleep });
  const service = new MailSettingsService(settings, mailer, deps.scopes, deps.audit, deps.groups);
  return { handlers: mailHandlers(service), mailer, settings };
}
