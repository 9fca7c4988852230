import { readFileSync } from 'node:fs';
import tls, { type SecureContext } from 'node:tls';

/** PEM certificates of the authorities the operating system trusts. */
export type CertificateSource = () => readonly string[];

/**
 * Where Linux distributions and the BSDs keep the system's trusted authorities as one PEM
 * file (Debian and Ubuntu first), for a Node without `tls.getCACertificates`.
 */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/ssl/cert.pem'];

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The operating system's certificate store.
 *
 * Node from 22.15 (Electron 45's) reads it itself, Keychain and the Windows store included;
 * older Node reads the system's bundle file, which on Linux is where an IT department
 * installs its private authority (update-ca-certificates).
 */
export const systemCertificates: CertificateSource = () => {
  const fromNode = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
  if (fromNode) {
    try {
      return fromNode('system');
    } catch {
      // A store Node cannot read leaves the bundle files to try.
    }
  }
  for (const file of SYSTEM_BUNDLES) {
    try {
      return readFileSync(file, 'utf8').match(PEM_CERTIFICATE) ?? [];
    } catch {
      // Not this distribution's layout; try the next.
    }
  }
  return [];
};

/**
 * The authorities this app trusts for the district's own servers (MDM, SMTP): Node's bundled
 * roots and the system's store together, so a district's private CA installed on the computer
 * works and a public certificate works on a computer whose store is thin.
 *
 * Read once and kept: a TLS context over a few hundred roots is too costly to build per request.
 */
export class TrustStore {
  private cachedAuthorities: string[] | null = null;
  private cachedContext: SecureContext | null = null;

  constructor(private readonly system: CertificateSource = systemCertificates) {}

  authorities(): string[] {
    this.cachedAuthorities ??= [...new Set([...tls.rootCertificates, ...this.system()].map((pem) => pem.trim()))];
    return this.cachedAuthorities;
  }

  secureContext(): SecureContext {
    this.cachedContext ??= tls.createSecureContext({ ca: this.authorities() });
    return this.cachedContext;
  }
}
