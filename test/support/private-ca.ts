import { readFileSync } from 'node:fs';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8');

/**
 * A district's own certificate authority, as IT installs it on its computers, and a server
 * certificate it signed for 127.0.0.1 and localhost (CN server.springfield.test). Both valid
 * for a century; made with openssl (EC P-256, the CA with basicConstraints CA:TRUE). Tests
 * hand the CA to a TrustStore as the "system" store; it is in no real one.
 */
export const PRIVATE_CA = {
  caCert: fixture('private-ca-cert.pem'),
  server: { cert: fixture('private-ca-server-cert.pem'), key: fixture('private-ca-server-key.pem') },
  caName: 'Springfield Schools Private CA (test)',
  serverName: 'server.springfield.test',
};
