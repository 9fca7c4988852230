import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/**
 * A self-signed certificate for 127.0.0.1 and localhost, valid for a century, made with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
 * -addext "subjectAltName=IP:127.0.0.1,DNS:localhost"`. Tests that trust it pass it as the
 * mailer's CA; tests that do not see a real certificate refusal.
 */
export const TEST_TLS = {
  cert: readFileSync(new URL('../fixtures/tls/smtp-test-cert.pem', import.meta.url), 'utf8'),
  key: readFileSync(new URL('../fixtures/tls/smtp-test-key.pem', import.meta.url), 'utf8'),
};

export interface ReceivedEmail {
  /** RCPT TO addresses the server accepted for this message. */
  recipients: string[];
  /** Whether the session was encrypted (implicit TLS or STARTTLS). */
  secure: boolean;
  user: string | null;
  mail: ParsedMail;
}

export interface SmtpTestServerOptions {
  /** Recipients this server refuses, with the reply text. */
  refuse?: Record<string, string>;
  /** user → password; when given, sending requires signing in. */
  users?: Record<string, string>;
  /** Offer STARTTLS with the test certificate. */
  starttls?: boolean;
  /** Implicit TLS from the first byte, with the test certificate. */
  implicitTls?: boolean;
  /** Another certificate than the self-signed test one, e.g. one a private CA signed. */
  certificate?: { cert: string; key: string };
}

export interface SmtpTestServer {
  port: number;
  received: ReceivedEmail[];
  /** Every AUTH a client tried, accepted or not, with what it sent. */
  authAttempts: { method: string; username: string; password: string }[];
  /** Resolves once `count` emails have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  close(): Promise<void>;
}

/**
 * Starts a real SMTP server on 127.0.0.1 (port 0) that keeps every email it receives.
 *
 * Free of vitest, so the end-to-end tests use it too.
 */
export async function startSmtpTestServer(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const received: ReceivedEmail[] = [];
  const authAttempts: SmtpTestServer['authAttempts'] = [];
  const tls = options.starttls || options.implicitTls;
  const config: SMTPServerOptions = {
    logger: false,
    // Pooled clients keep idle connections open; tests should not wait for them to leave.
    closeTimeout: 200,
    secure: options.implicitTls === true,
    ...(tls ? (options.certificate ?? TEST_TLS) : {}),
    disabledCommands: [...(tls ? [] : ['STARTTLS']), ...(options.users ? [] : ['AUTH'])],
    authOptional: !options.users,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      authAttempts.push({ method: auth.method, username: auth.username ?? '', password: auth.password ?? '' });
      if (options.users?.[auth.username ?? ''] === auth.password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.refuse?.[address.address];
      if (refusal) callback(Object.assign(new Error(refusal), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            recipients: session.envelope.rcptTo.map((r) => r.address),
            secure: session.secure,
            user: typeof session.user === 'string' ? session.user : null,
            mail,
          });
          callback();
        })
        .catch(callback);
    },
  };
  const server = new SMTPServer(config);
  // Refused handshakes are part of what the tests do; they are not server failures.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    received,
    authAttempts,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} emails, received ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: taken from the OS, then let go. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
