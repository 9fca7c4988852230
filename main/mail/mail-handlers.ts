import type { HandlerTable } from '../ipc/handler-types';
import type { MailSettingsService } from './mail-settings-service';

/** The Settings page's email channels. */
export function mailHandlers(
  mail: MailSettingsService,
): Pick<HandlerTable, 'mail.settings' | 'mail.saveSettings' | 'mail.sendTest' | 'mail.previewInvitation'> {
  return {
    'mail.settings': () => mail.read(),
    'mail.saveSettings': (input, { admin }) => mail.save(admin.id, input),
    'mail.sendTest': async ({ to }, { admin }) => ({ message: await mail.sendTest(admin.id, to) }),
    'mail.previewInvitation': ({ groupId }, { admin }) => mail.preview(admin.id, groupId),
  };
}
