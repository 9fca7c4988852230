import { existsSync, readFileSync } from 'node:fs';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { systemCertificates, TrustStore } from '../../../main/security/trust-store';
import { PRIVATE_CA } from '../../support/private-ca';

describe('the authorities the app trusts for the district’s servers', () => {
  it("are Node's bundled roots and the system's store together, each once", () => {
    const trust = new TrustStore(() => [PRIVATE_CA.caCert, tls.rootCertificates[0]!]);
    const authorities = trust.authorities();
    expect(authorities).toContain(PRIVATE_CA.caCert.trim());
    expect(authorities).toEqual(expect.arrayContaining([...tls.rootCertificates]));
    expect(authorities).toHaveLength(tls.rootCertificates.length + 1);
  });

  it('read the system store once', () => {
    let reads = 0;
    const trust = new TrustStore(() => {
      reads++;
      return [];
    });
    trust.authorities();
    trust.secureContext();
    trust.secureContext();
    expect(reads).toBe(1);
  });

  it.runIf(existsSync('/etc/ssl/certs/ca-certificates.crt') && !('getCACertificates' in tls))('read Debian’s system bundle on a Node without getCACertificates', () => {
    const bundle = readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8');
    const certificates = systemCertificates();
    expect(certificates.length).toBe(bundle.split('-----BEGIN CERTIFICATE-----').length - 1);
    expect(certificates[0]).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----$/);
  });
});
