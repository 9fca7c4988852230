import { mdmAddressProblem } from '../../preload/schemas/settings-schemas';
import { DomainError } from '../errors/domain-error';
import type { ServerReadiness } from '../errors/server-readiness';
import type { EnqueueResult, MdmDelivery, PushResult } from './mdm-adapter';
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
export class ConfiguredMdm implements MdmDelivery {
  constructor(
    private readonly settings: MdmSettingsStore,
    private readonly options: NanoMdmOptions = {},
  ) {}

  async enqueue(enrollmentIds: readonly string[], command: MdmCommand): Promise<EnqueueResult> {
    return (await this.adapter()).enqueue(enrollmentIds, command);
  }

  async push(enrollmentIds: readonly string[]): Promise<{ results: PushResult[] }> {
    return (await this.adapter()).push(enrollmentIds);
  }

  async checkConnection(): Promise<string> {
    return (await this.adapter()).checkConnection();
  }

  /**
   * Settings' connection test, run now: a server that is not set up, cannot be reached or
   * refuses the key is known before a license is spent on a device it would not reach.
   */
  async readiness(): Promise<ServerReadiness> {
    try {
      await this.checkConnection();
      return { state: 'ready' };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { state: (await this.settings.connection()) === null ? 'not-set-up' : 'failing', error };
    }
  }

  private async adapter(): Promise<NanoMdmAdapter> {
    const connection = await this.settings.connection();
    if (!connection) throw mdmNotConfigured();
    // An address saved before plain http was refused must not carry the key in the clear either.
    const problem = mdmAddressProblem(connection.baseUrl);
    if (problem) throw new DomainError('CONFLICT', `The MDM server address ${connection.baseUrl} cannot be used. ${problem}`);
    return new NanoMdmAdapter(connection, this.options);
  }
}
