import type { HandlerTable } from '../ipc/handler-types';
import type { MdmSettingsService } from './mdm-settings-service';

/** The Settings page's MDM server channels. */
export function mdmHandlers(mdm: MdmSettingsService): Pick<HandlerTable, 'mdm.settings' | 'mdm.saveSettings' | 'mdm.testConnection'> {
  return {
    'mdm.settings': () => mdm.read(),
    'mdm.saveSettings': (input, { admin }) => mdm.save(admin.id, input),
    'mdm.testConnection': async (_input, { admin }) => ({ message: await mdm.testConnection(admin.id) }),
  };
}
