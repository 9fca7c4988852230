import { isIP, connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type PeerCertificate } from 'node:tls';

export interface CertificateTarget {
  host: string;
  port: number;
  /** Speak SMTP up to STARTTLS first, as a mail server on port 587 expects. */
  smtpStartTls?: boolean;
}

/** What an admin needs to find the certificate: whom it names, who issued it, until when. */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
}

const WAIT_MS = 5_000;

/**
 * Reads the certificate a server presents, on a connection of its own that sends nothing else.
 *
 * Node refuses an untrusted certificate before the request can see it, so naming the
 * certificate in the admin's sentence takes a second handshake that does not verify. It ends
 * right after the handshake: no request, password or key goes over it. Null when the server
 * cannot be read that way either.
 */
export async function readPeerCertificate(target: CertificateTarget): Promise<CertificateFacts | null> {
  let socket: Socket | null = null;
  try {
    socket = target.smtpStartTls ? await smtpUpgradeable(target) : null;
    const certificate = await new Promise<PeerCertificate>((resolve, reject) => {
      const tls = connectTls({
        ...(socket ? { socket } : { host: target.host, port: target.port }),
        ...(isIP(target.host) ? {} : { servername: target.host }),
        rejectUnauthorized: false,
      });
      tls.setTimeout(WAIT_MS, () => tls.destroy(new Error('timed out')));
      tls.once('secureConnect', () => {
        resolve(tls.getPeerCertificate());
        tls.destroy();
      });
      tls.once('error', reject);
    });
    return certificate.subject ? facts(certificate) : null;
  } catch {
    return null;
  } finally {
    socket?.destroy();
  }
}

/** "the certificate “mdm.district.org”, issued by “District CA”" for a sentence. */
export function describeCertificate(certificate: CertificateFacts): string {
  if (certificate.subject === certificate.issuer) return `the self-signed certificate “${certificate.subject}”`;
  return `the certificate “${certificate.subject}”, issued by “${certificate.issuer}”`;
}

function facts(certificate: PeerCertificate): CertificateFacts {
  return { subject: commonName(certificate.subject), issuer: commonName(certificate.issuer), validFrom: certificate.valid_from, validTo: certificate.valid_to };
}

function commonName(name: PeerCertificate['subject']): string {
  const pick = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return pick(name.CN) ?? pick(name.O) ?? 'unnamed';
}

/** A plain connection to a mail server, taken through EHLO and STARTTLS, ready for the handshake. */
function smtpUpgradeable(target: CertificateTarget): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: target.host, port: target.port });
    socket.setTimeout(WAIT_MS, () => socket.destroy(new Error('timed out')));
    const steps = ['EHLO managed-distribution\r\n', 'STARTTLS\r\n'];
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      // A reply ends with a line whose code is followed by a space, not a hyphen.
      const final = buffered.split('\r\n').find((line) => /^\d{3} /.test(line));
      if (!final) return;
      buffered = '';
      if (!/^2\d\d /.test(final)) return socket.destroy(new Error(final));
      const next = steps.shift();
      if (next) return void socket.write(next);
      socket.off('data', onData);
      socket.setTimeout(0);
      resolve(socket);
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed')));
  });
}
