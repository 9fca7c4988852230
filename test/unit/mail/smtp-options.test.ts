import { describe, expect, it } from 'vitest';
import type { SmtpConnection } from '../../../main/mail/mail-settings-store';
import { smtpOptions } from '../../../main/mail/smtp-options';

const connection: SmtpConnection = {
  host: 'smtp.springfield.edu',
  port: 587,
  security: 'starttls',
  user: 'mailer',
  from: 'invitations@springfield.edu',
  password: 'pw',
  ratePerMinute: 60,
};

describe('SMTP connection options', () => {
  it('map each security mode to nodemailer, verifying certificates in all of them', () => {
    expect(smtpOptions({ ...connection, security: 'tls', port: 465 })).toMatchObject({ port: 465, secure: true });
    expect(smtpOptions(connection)).toMatchObject({ secure: false, requireTLS: true });
    expect(smtpOptions({ ...connection, security: 'none', port: 25 })).toMatchObject({ secure: false, ignoreTLS: true });
    for (const security of ['tls', 'starttls', 'none'] as const) {
      const options = smtpOptions({ ...connection, security });
      expect(options.tls?.rejectUnauthorized).not.toBe(false);
    }
  });

  it('sign in only when a user name is set', () => {
    expect(smtpOptions(connection).auth).toEqual({ user: 'mailer', pass: 'pw' });
    expect(smtpOptions({ ...connection, user: '' }).auth).toBeUndefined();
  });

  it('trust a given authority only when asked, and bound every wait', () => {
    expect(smtpOptions(connection).tls).toBeUndefined();
    expect(smtpOptions(connection, { ca: 'PEM' }).tls).toEqual({ ca: 'PEM' });
    expect(smtpOptions(connection)).toMatchObject({ connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  });
});
