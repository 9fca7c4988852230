import { createMail, type MailDeps } from '../../main/mail/create-mail';
import type { ChannelInput } from '../../preload/contract';
import { dispatchTo } from './settings-dispatch';
import { useSettingsDistricts } from './settings-district';
import { startSmtpTestServer, type SmtpTestServer, type SmtpTestServerOptions } from './smtp-test-server';

export type MailSettingsInput = ChannelInput<'mail.saveSettings'>;

/** Settings that send to a test server on 127.0.0.1 without TLS or sign-in. */
export function plainSettings(server: SmtpTestServer, changes: Partial<MailSettingsInput> = {}): MailSettingsInput {
  return {
    host: '127.0.0.1',
    port: server.port,
    security: 'none',
    user: '',
    from: 'invitations@springfield.edu',
    password: null,
    ratePerMinute: 600,
    ...changes,
  };
}

/** A settings district with the mail capability built on it, and SMTP servers closed after each test. */
export function useMailDistricts() {
  const district = useSettingsDistricts();
  return async (options: Partial<MailDeps> = {}) => {
    const d = await district();
    const mail = createMail({ ...d.ports, ...options });
    d.onCleanup(() => mail.mailer.close());
    const smtpServer = async (serverOptions?: SmtpTestServerOptions) => {
      const server = await startSmtpTestServer(serverOptions);
      d.onCleanup(() => server.close());
      return server;
    };
    return { ...d, mail, api: dispatchTo(mail.handlers, d.sessions), smtpServer };
  };
}
