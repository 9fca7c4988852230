import type { NodemailerError } from 'nodemailer';
import { DomainError } from '../errors/domain-error';
import { CERTIFICATE_ADVICE, certificateRefusal } from '../security/certificate-refusal';
import type { CertificateFacts } from '../security/peer-certificate';

interface FailedServer {
  host: string;
  port: number;
  from: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNECTION', 'ESOCKET']);

/** The server's own reply as a sentence to append, or '' when it gave none. */
export function serverReply(error: unknown): string {
  const response = (error as NodemailerError | undefined)?.response?.trim();
  return response ? ` The server said: "${response}".` : '';
}

/**
 * One sentence an admin can act on for a failed SMTP conversation.
 *
 * Nodemailer names the step that failed (`code`) and keeps Node's own reason
 * (`originalCode`); both are needed to tell "wrong port" from "wrong certificate". Servers
 * that cannot be reached answer OFFLINE; a server that answered but said no answers CONFLICT,
 * since the stored settings do not match what it accepts. A refused certificate is named
 * when the caller could read it (see readPeerCertificate).
 */
export function smtpFailure(error: unknown, server: FailedServer, certificate: CertificateFacts | null = null): DomainError {
  const e = (error ?? {}) as NodemailerError;
  const at = `${server.host}:${server.port}`;
  const reply = serverReply(error);
  const original = e.originalCode ?? '';

  const refusal = certificateRefusal(original, certificate);
  if (refusal) {
    return new DomainError(
      'CONFLICT',
      `The mail server ${at} could not prove it is the real server: ${refusal}. ${CERTIFICATE_ADVICE}, and check the server name.`,
    );
  }
  if (original.startsWith('ERR_SSL_')) {
    return new DomainError(
      'CONFLICT',
      `The mail server ${at} did not answer with TLS. Port 465 usually needs "TLS" and port 587 "STARTTLS": check the port and the security setting.`,
    );
  }
  if (e.code === 'ETLS') {
    return new DomainError(
      'CONFLICT',
      `The mail server ${at} could not switch to an encrypted connection (STARTTLS).${reply} Choose the security it supports: "TLS" for port 465, "STARTTLS" for port 587.`,
    );
  }
  if (e.code === 'EDNS') {
    return new DomainError('OFFLINE', `The mail server name "${server.host}" could not be found. Check its spelling and this computer's network connection.`);
  }
  if (original === 'ECONNREFUSED') {
    return new DomainError('OFFLINE', `The mail server ${at} refused the connection. Check the server name and port, and that the server is running.`);
  }
  if (e.code === 'ETIMEDOUT' || original === 'ETIMEDOUT') {
    return new DomainError('OFFLINE', `The mail server ${at} did not answer in time. Check the server name and port, and that a firewall lets this computer reach it.`);
  }
  if (e.code === 'EAUTH') {
    return new DomainError('CONFLICT', `The mail server refused the user name or password.${reply} Check them, then save the settings again.`);
  }
  if (e.code === 'ENOAUTH' || e.responseCode === 530) {
    return new DomainError('CONFLICT', `The mail server ${at} asks for a user name and password before it sends. Enter them in the email settings.`);
  }
  if (e.code === 'EENVELOPE' && e.command === 'MAIL FROM') {
    return new DomainError('CONFLICT', `The mail server refused the sender address ${server.from}.${reply} Use an address this account may send from.`);
  }
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') {
    return new DomainError('CONFLICT', `The mail server refused the email.${reply}`);
  }
  if (UNREACHABLE.has(e.code ?? '') || UNREACHABLE.has(original)) {
    return new DomainError('OFFLINE', `The connection to the mail server ${at} failed: ${e.message}. Check the server name, port and security setting.`);
  }
  return new DomainError('CONFLICT', `The email could not be sent: ${e.message ?? String(error)}`);
}
