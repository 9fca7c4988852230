import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { SmtpConnection } from '../../../main/mail/mail-settings-store';
import { smtpOptions } from '../../../main/mail/smtp-options';
import { TrustStore } from '../../../main/security/trust-store';

const trust = new TrustStore(() => ['-----BEGIN CERTIFICATE-----\nDISTRICT\n-----END CERTIFICATE-----']);

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
    expect(smtpOptions({ ...connection, security: 'tls', port: 465 }, trust)).toMatchObject({ port: 465, secure: true });
    expect(smtpOptions(connection, trust)).toMatchObject({ secure: false, requireTLS: true });
    expect(smtpOptions({ ...connection, security: 'none', port: 25 }, trust)).toMatchObject({ secure: false, ignoreTLS: true });
    for (const security of ['tls', 'starttls', 'none'] as const) {
      const options = smtpOptions({ ...connection, security }, trust);
      expect(options.tls?.rejectUnauthorized).not.toBe(false);
    }
  });

  it('sign in only when a user name is set', () => {
    expect(smtpOptions(connection, trust).auth).toEqual({ user: 'mailer', pass: 'pw' });
    expect(smtpOptions({ ...connection, user: '' }, trust).auth).toBeUndefined();
  });

  it("trust Node's and the system's authorities, and bound every wait", () => {
    const { ca } = smtpOptions(connection, trust).tls as { ca: string[] };
    expect(ca).toContain('-----BEGIN CERTIFICATE-----\nDISTRICT\n-----END CERTIFICATE-----');
    expect(ca).toEqual(expect.arrayContaining([...tls.rootCertificates]));
    expect(smtpOptions(connection, trust)).toMatchObject({ connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  });
});
