import { DomainError } from '../errors/domain-error';
import type { EnqueueResult, MdmAdapter } from './mdm-adapter';
import type { MdmCommand } from './mdm-commands';
import type { MdmSettingsStore } from './mdm-settings-store';
import { NanoMdmAdapter, type NanoMdmOptions } from './nanomdm-adapter';

const mdmNotConfigured = () =>
  new DomainError('CONFLICT', 'No MDM server is set up yet. A direct admin of the organization enters its address and API key in Settings.');

/**
 * The MDM adapter for the server in Settings, read at every call.
 *
 * Jobs hold this one object for their whole run, and a server or key saved meanwhile
 * applies to their next batch.
 */
export class ConfiguredMdm implements MdmAdapter {
  constructor(
    private readonly settings: MdmSettingsStore,
    private readonly options: NanoMdmOptions = {},
  ) {}

  async enqueue(enrollmentIds: readonly string[], command: MdmCommand): Promise<EnqueueResult> {
    return (await this.adapter()).enqueue(enrollmentIds, command);
  }

  async checkConnection(): Promise<string> {
    return (await this.adapter()).checkConnection();
  }

  private async adapter(): Promise<NanoMdmAdapter> {
    const connection = await this.settings.connection();
    if (!connection) throw mdmNotConfigured();
    return new NanoMdmAdapter(connection, this.options);
  }
}
