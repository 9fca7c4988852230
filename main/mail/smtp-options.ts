import type { SMTPTransportOptions } from 'nodemailer';
import type { TrustStore } from '../security/trust-store';
import type { SmtpConnection } from './mail-settings-store';

/** Bounded waits, so a silent server fails a send in seconds rather than hanging a job. */
export const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * Nodemailer's connection options for the admin's settings.
 *
 * "tls" is implicit TLS from the first byte (port 465); "starttls" upgrades a plain
 * connection and refuses to go on if the server cannot (port 587); "none" never encrypts,
 * even when the server offers STARTTLS, because that is what the admin chose. Certificates
 * are verified against Node's and the operating system's authorities, so a district's
 * private CA installed on the computer is trusted.
 */
export function smtpOptions(connection: SmtpConnection, trust: TrustStore): SMTPTransportOptions {
  const security =
    connection.security === 'tls'
      ? { secure: true }
      : connection.security === 'starttls'
        ? { secure: false, requireTLS: true }
        : { secure: false, ignoreTLS: true };
  return {
    host: connection.host,
    port: connection.port,
    ...security,
    ...(connection.user === '' ? {} : { auth: { user: connection.user, pass: connection.password ?? '' } }),
    tls: { ca: trust.authorities() },
    ...SMTP_TIMEOUTS,
  };
}
