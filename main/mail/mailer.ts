import nodemailer, { type NodemailerError, type SMTPPoolSentMessageInfo, type Transporter } from 'nodemailer';
import type { Clock } from '../clock/clock';
import { DomainError } from '../errors/domain-error';
import type { ReadinessCheck, ServerReadiness } from '../errors/server-readiness';
import type { MailSettingsStore, SmtpConnection } from './mail-settings-store';
import { isCertificateRefusal } from '../security/certificate-refusal';
import { readPeerCertificate } from '../security/peer-certificate';
import { TrustStore } from '../security/trust-store';
import { SendRateLimiter, type Sleep } from './send-rate-limiter';
import { serverReply, smtpFailure } from './smtp-failure';
import { smtpOptions } from './smtp-options';

export interface OutgoingEmail {
  to: string | string[];
  /** Shown as the sender's name next to the configured from address, e.g. the district. */
  fromName?: string;
  subject: string;
  html: string;
  text: string;
}

export interface RejectedRecipient {
  address: string;
  /** Why, for the admin: the server's own reply included. */
  reason: string;
}

/** What the server did with each recipient of one email. */
export interface SendResult {
  accepted: string[];
  rejected: RejectedRecipient[];
}

export interface MailerOptions {
  /** The authorities the server's certificate is checked against: by default Node's and the system's. */
  trust?: TrustStore;
  /** How the rate limit waits; tests pass one that moves a fake clock instead. */
  sleep?: Sleep;
}

interface Pool {
  transport: Transporter<SMTPPoolSentMessageInfo>;
  connection: SmtpConnection;
}

/**
 * Hosted mail services such as Exchange Online allow three simultaneous connections per
 * account; more would be refused in the middle of an invitation run.
 */
const MAX_CONNECTIONS = 3;

const notConfigured = () =>
  new DomainError('CONFLICT', 'Email is not set up yet. A direct admin of the organization enters the mail server and sender address in Settings.');

/**
 * A user name with no password stored (a change of server removed it) is never sent on to
 * sign in with an empty one: the admin enters the password for the new server first.
 */
function usable(connection: SmtpConnection | null): SmtpConnection {
  if (!connection) throw notConfigured();
  if (connection.user !== '' && connection.password === null) {
    throw new DomainError(
      'CONFLICT',
      `Nothing was sent: the email settings sign in as "${connection.user}", but no password is stored for ${connection.host}:${connection.port}. ` +
        'A direct admin of the organization enters it in Settings (a change of server removes the stored password).',
    );
  }
  return connection;
}

/**
 * Sends email through the admin's SMTP server: pooled connections, at most the saved number
 * of emails a minute, and every recipient's fate reported.
 *
 * The pool is built on first use from the saved settings and rebuilt after every save; the
 * old pool finishes what it already started and then closes.
 */
export class Mailer implements ReadinessCheck {
  private pool: Promise<Pool> | null = null;
  private ratePerMinute = 1;
  private readonly limiter: SendRateLimiter;
  private readonly unsubscribe: () => void;
  private readonly trust: TrustStore;

  constructor(
    private readonly settings: MailSettingsStore,
    clock: Clock,
    options: MailerOptions = {},
  ) {
    this.trust = options.trust ?? new TrustStore();
    this.limiter = new SendRateLimiter(() => this.ratePerMinute, clock, options.sleep);
    this.unsubscribe = settings.onChange(() => this.retire());
  }

  /**
   * Sends one email, waiting for the rate limit first.
   *
   * Recipients the server refuses come back in `rejected` (also when it refuses them all);
   * a failure of the server or the settings throws a DomainError that names what to fix.
   */
  async send(email: OutgoingEmail): Promise<SendResult> {
    // Fails at once, before queueing behind the limit, when email is not set up.
    await this.current();
    await this.limiter.acquire();
    const { transport, connection } = await this.current();
    const to = Array.isArray(email.to) ? email.to : [email.to];
    try {
      const info = await transport.sendMail({
        from: email.fromName ? { name: email.fromName, address: connection.from } : connection.from,
        to,
        subject: email.subject,
        html: email.html,
        text: email.text,
      });
      return { accepted: info.accepted, rejected: refusedRecipients(info.rejected, info.rejectedErrors) };
    } catch (error) {
      const refused = everyRecipientRefused(error);
      if (refused) return { accepted: [], rejected: refused };
      throw smtpFailure(error, connection, await certificateBehind(error, connection));
    }
  }

  /**
   * Sends a short test email at once, through its own connection.
   *
   * It checks the saved settings as they are now, without waiting behind an invitation run
   * that may be using the pool.
   */
  async sendTest(to: string): Promise<string> {
    const connection = usable(await this.settings.connection());
    const transport = nodemailer.createTransport(smtpOptions(connection, this.trust));
    const at = `${connection.host}:${connection.port}`;
    try {
      await transport.sendMail({
        from: { name: 'Managed Distribution', address: connection.from },
        to,
        subject: 'Test email from Managed Distribution',
        text: `This test shows that Managed Distribution can send invitation emails through ${at}. No action is needed.`,
      });
      return `A test email was sent to ${to} through ${at}. If it does not arrive within a few minutes, look in the spam folder.`;
    } catch (error) {
      if (everyRecipientRefused(error)) throw new DomainError('CONFLICT', `The mail server refused the address ${to}.${serverReply(error)}`);
      throw smtpFailure(error, connection, await certificateBehind(error, connection));
    } finally {
      transport.close();
    }
  }

  /**
   * Whether invitation emails can go out now: the settings are there and the server greets,
   * upgrades to TLS as set, and takes the login (nodemailer's verify; nothing is sent). Asked
   * before people are registered with Apple for an email that would not leave.
   */
  async readiness(): Promise<ServerReadiness> {
    const connection = await this.settings.connection();
    if (!connection) return { state: 'not-set-up', error: notConfigured() };
    const transport = nodemailer.createTransport(smtpOptions(connection, this.trust));
    try {
      await transport.verify();
      return { state: 'ready' };
    } catch (error) {
      return { state: 'failing', error: smtpFailure(error, connection, await certificateBehind(error, connection)) };
    } finally {
      transport.close();
    }
  }

  /** Stops listening for settings and closes the pool once it is idle. */
  close(): void {
    this.unsubscribe();
    this.retire();
  }

  private current(): Promise<Pool> {
    if (!this.pool) {
      const building = this.build();
      this.pool = building;
      // A missing setting or a locked keychain must not stick: the next send tries again.
      building.catch(() => {
        if (this.pool === building) this.pool = null;
      });
    }
    return this.pool;
  }

  private async build(): Promise<Pool> {
    const connection = usable(await this.settings.connection());
    this.ratePerMinute = connection.ratePerMinute;
    const transport = nodemailer.createTransport({
      ...smtpOptions(connection, this.trust),
      pool: true,
      maxConnections: MAX_CONNECTIONS,
    });
    return { transport, connection };
  }

  private retire(): void {
    const old = this.pool;
    this.pool = null;
    void old?.then(
      ({ transport }) => {
        if (transport.isIdle()) transport.close();
        else transport.once('idle', () => transport.close());
      },
      () => undefined,
    );
  }
}

/** The certificate a server was refused for, read so the admin's sentence can name it. */
async function certificateBehind(error: unknown, connection: SmtpConnection) {
  if (!isCertificateRefusal((error as NodemailerError | undefined)?.originalCode ?? '')) return null;
  return readPeerCertificate({ host: connection.host, port: connection.port, smtpStartTls: connection.security === 'starttls' });
}

function refusalReason(error: NodemailerError | undefined): string {
  const reply = error?.response?.trim() || error?.message;
  return reply ? `The mail server refused this address: "${reply}".` : 'The mail server refused this address.';
}

function refusedRecipients(addresses: readonly string[], errors: readonly NodemailerError[] = []): RejectedRecipient[] {
  return addresses.map((address) => ({ address, reason: refusalReason(errors.find((e) => e.recipient === address)) }));
}

/** Nodemailer throws when the server refused every recipient; that is a per-recipient result too. */
function everyRecipientRefused(error: unknown): RejectedRecipient[] | null {
  const e = error as NodemailerError | undefined;
  if (e?.code !== 'EENVELOPE' || e.command !== 'RCPT TO' || !e.rejected?.length) return null;
  const errors = e.rejectedErrors ?? [];
  return e.rejected.map((address) => ({ address, reason: refusalReason(errors.find((r) => r.recipient === address) ?? e) }));
}
