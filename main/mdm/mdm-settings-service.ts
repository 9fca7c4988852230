import type { AuditLog } from '../audit/audit-log';
import type { ScopeReader } from '../directory/admin-scope';
import { requireOrganizationAdmin } from '../directory/organization-admin';
import { secretChange } from '../keychain/secret-change';
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

  async save(adminId: number, input: MdmSettingsChange): Promise<MdmSettings> {
    requireOrganizationAdmin(this.scopes.of(adminId), 'change the MDM server');
    const saved = await this.store.save(input);
    this.audit.record(adminId, 'mdm.saveSettings', 'settings:mdm', { baseUrl: input.baseUrl, apiKey: secretChange(input.apiKey) });
    return saved;
  }

  testConnection(adminId: number): Promise<string> {
    requireOrganizationAdmin(this.scopes.of(adminId), 'test the MDM server');
    return this.mdm.checkConnection();
  }
}
