import type { AuditLog } from '../audit/audit-log';
import type { ScopeReader } from '../directory/admin-scope';
import { requireOrganizationAdmin } from '../directory/organization-admin';
import { secretChange, secretForServer } from '../keychain/secret-change';
import type { ConfiguredMdm } from './configured-mdm';
import type { MdmSettings, MdmSettingsChange, MdmSettingsStore } from './mdm-settings-store';

/**
 * The Settings page's MDM section: every admin reads it; only direct admins of the
 * organization change it or test it, since its commands reach every device of the district.
 */
export class MdmSettingsService {
  constructor(
    private readonly store: MdmSettingsStore,
    private readonly mdm: ConfiguredMdm,
    private readonly scopes: ScopeReader,
    private readonly audit: AuditLog,
  ) {}

  read(): Promise<MdmSettings> {
    return this.store.read();
  }

  /**
   * Saves the settings. A change of the address's scheme, host or port drops an API key the
   * form kept (it was entered for the old server); the audit entry says so.
   */
  async save(adminId: number, input: MdmSettingsChange): Promise<MdmSettings> {
    requireOrganizationAdmin(this.scopes.of(adminId), 'change the MDM server');
    const before = await this.store.read();
    const apiKey = secretForServer(input.apiKey, serverOf(before.baseUrl) !== serverOf(input.baseUrl));
    const dropped = before.apiKeySet && apiKey !== input.apiKey;
    const saved = await this.store.save({ ...input, apiKey });
    this.audit.record(adminId, 'mdm.saveSettings', 'settings:mdm', {
      baseUrl: input.baseUrl,
      apiKey: secretChange(input.apiKey, dropped),
      ...(dropped ? { apiKeyDropped: `The server changed from ${before.baseUrl}, so the stored API key was removed; it must be entered again.` } : {}),
    });
    return saved;
  }

  testConnection(adminId: number): Promise<string> {
    requireOrganizationAdmin(this.scopes.of(adminId), 'test the MDM server');
    return this.mdm.checkConnection();
  }
}

/** The server an address reaches: scheme, host and port (a path on the same server keeps its key). */
function serverOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}
