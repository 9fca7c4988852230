import { describe, expect, it } from 'vitest';
import { createMdm } from '../../../main/mdm/create-mdm';
import { inviteToProgram } from '../../../main/mdm/mdm-commands';
import { TrustStore } from '../../../main/security/trust-store';
import { startFakeNanoMdm } from '../../support/fake-nanomdm';
import { PRIVATE_CA } from '../../support/private-ca';
import { dispatchTo } from '../../support/settings-dispatch';
import { useSettingsDistricts } from '../../support/settings-district';
import { TEST_TLS } from '../../support/smtp-test-server';

const district = useSettingsDistricts();

/** A NanoMDM behind HTTPS with `certificate`, and the app trusting `system` as the computer's store. */
async function httpsMdm(certificate: { cert: string; key: string }, system: readonly string[]) {
  const d = await district();
  const mdm = createMdm({ ...d.ports, timeoutMs: 2000, trust: new TrustStore(() => system) });
  const server = await startFakeNanoMdm({ tls: certificate });
  d.onCleanup(() => server.close());
  const api = dispatchTo(mdm.handlers, d.sessions);
  await api.ok('root', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: server.apiKey });
  return { mdm, server, api };
}

const advice =
  " If the district uses its own certificate authority, install it in this computer's certificate store; otherwise ask the server's administrator for a certificate this computer trusts.";

describe('an MDM server behind HTTPS', () => {
  it("is trusted when the district's private CA is in the system's certificate store", async () => {
    const { mdm, server, api } = await httpsMdm(PRIVATE_CA.server, [PRIVATE_CA.caCert]);
    expect(server.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await api.ok('root', 'mdm.testConnection', {})).toEqual({ message: `Connected to NanoMDM v0.8.0 at ${server.baseUrl}; it accepted the API key.` });
    const { results } = await mdm.adapter.enqueue(['UDID-1'], inviteToProgram('https://example.com/invite?inviteCode=1'));
    expect(results).toMatchObject([{ enrollmentId: 'UDID-1', status: 'queued', pushError: null }]);
  });

  it('is refused, naming its certificate and issuer, when that CA is not trusted; the API key never goes out', async () => {
    const { mdm, server, api } = await httpsMdm(PRIVATE_CA.server, []);
    const refused = {
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          `The MDM server at ${server.baseUrl} could not prove it is the real server: its certificate is signed by an authority this computer does not trust ` +
          `(the certificate “${PRIVATE_CA.serverName}”, issued by “${PRIVATE_CA.caName}”).${advice}`,
      },
    };
    expect(await api.call('root', 'mdm.testConnection', {})).toEqual(refused);
    await expect(mdm.adapter.enqueue(['UDID-1'], inviteToProgram('https://example.com/invite?inviteCode=1'))).rejects.toMatchObject({ message: refused.error.message });
    expect(server.enqueues).toEqual([]);
  });

  it('is refused as self-signed when it presents its own certificate', async () => {
    const { server, api } = await httpsMdm(TEST_TLS, [PRIVATE_CA.caCert]);
    expect(await api.call('root', 'mdm.testConnection', {})).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: `The MDM server at ${server.baseUrl} could not prove it is the real server: its certificate is self-signed (the self-signed certificate “Managed Distribution test SMTP server”).${advice}`,
      },
    });
  });
});
