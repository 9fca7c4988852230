import { describeCertificate, type CertificateFacts } from './peer-certificate';

/** Why Node refused a server's certificate, in the admin's words, by Node's error code. */
const CERTIFICATE_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate is signed by an authority this computer does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is signed by an authority this computer does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate is signed by an authority this computer does not trust',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is made out to another name',
};

/** What to do about a refused certificate, for the end of the admin's sentence. */
export const CERTIFICATE_ADVICE =
  "If the district uses its own certificate authority, install it in this computer's certificate store; otherwise ask the server's administrator for a certificate this computer trusts";

/** Whether Node's error code says the server's certificate was refused. */
export function isCertificateRefusal(code: string): boolean {
  return Object.hasOwn(CERTIFICATE_REASONS, code);
}

/**
 * "its certificate has expired (the certificate “x”, issued by “y”, valid until …)": the
 * reason, and the certificate named when it could be read; null when the code is no refusal.
 */
export function certificateRefusal(code: string, certificate: CertificateFacts | null): string | null {
  if (!isCertificateRefusal(code)) return null;
  const reason = CERTIFICATE_REASONS[code]!;
  if (!certificate) return reason;
  const dates =
    code === 'CERT_HAS_EXPIRED' ? `, valid until ${certificate.validTo}` : code === 'CERT_NOT_YET_VALID' ? `, valid from ${certificate.validFrom}` : '';
  return `${reason} (${describeCertificate(certificate)}${dates})`;
}
