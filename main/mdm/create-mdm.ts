import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type { ScopeReader } from '../directory/admin-scope';
import type { SecretStore } from '../keychain/secret-store';
import { TrustStore } from '../security/trust-store';
import { ConfiguredMdm } from './configured-mdm';
import { mdmHandlers } from './mdm-handlers';
import { MdmSettingsService } from './mdm-settings-service';
import { MdmSettingsStore } from './mdm-settings-store';
import type { NanoMdmOptions } from './nanomdm-adapter';

export interface MdmDeps extends NanoMdmOptions {
  db: Database.Database;
  secrets: SecretStore;
  scopes: ScopeReader;
  audit: AuditLog;
}

/**
 * The MDM capability, built once by the composition root.
 *
 * `adapter` is what jobs enqueue commands through (it reads the saved server each call);
 * `handlers` go into the handler table.
 */
export function createMdm(deps: MdmDeps) {
  const settings = new MdmSettingsStore(deps.db, deps.secrets);
  const adapter = new ConfiguredMdm(settings, { timeoutMs: deps.timeoutMs, maxPathChars: deps.maxPathChars, trust: deps.trust ?? new TrustStore() });
  const service = new MdmSettingsService(settings, adapter, deps.scopes, deps.audit);
  return { handlers: mdmHandlers(service), adapter, settings };
}
