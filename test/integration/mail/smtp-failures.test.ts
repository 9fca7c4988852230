import { describe, expect, it } from 'vitest';
import { plainSettings, useMailDistricts } from '../../support/mail-district';
import { TrustStore } from '../../../main/security/trust-store';
import { PRIVATE_CA } from '../../support/private-ca';
import { closedPort, TEST_TLS } from '../../support/smtp-test-server';

const mailDistrict = useMailDistricts();

describe('a failed test email says what to fix', () => {
  it('when the password is wrong', async () => {
    const { api, smtpServer } = await mailDistrict();
    const server = await smtpServer({ users: { 'mailer@springfield.edu': 'right password' } });
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { user: 'mailer@springfield.edu', password: 'wrong password' }));

    expect(await api.call('root', 'mail.sendTest', { to: 'ada@springfield.edu' })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'The mail server refused the user name or password. The server said: "535 Invalid username or password". Check them, then save the settings again.',
      },
    });

    await api.ok('root', 'mail.saveSettings', plainSettings(server, { user: 'mailer@springfield.edu', password: 'right password' }));
    await api.ok('root', 'mail.sendTest', { to: 'ada@springfield.edu' });
    expect((await server.waitFor(1))[0]?.user).toBe('mailer@springfield.edu');
  });

  it('when the server wants a sign-in and none is set', async () => {
    const { api, smtpServer } = await mailDistrict();
    const server = await smtpServer({ users: { mailer: 'pw' } });
    await api.ok('root', 'mail.saveSettings', plainSettings(server));
    expect(await api.call('root', 'mail.sendTest', { to: 'ada@springfield.edu' })).toMatchObject({
      ok: false,
      error: { message: `The mail server 127.0.0.1:${server.port} asks for a user name and password before it sends. Enter them in the email settings.` },
    });
  });

  it('when nothing listens on the port', async () => {
    const { api, smtpServer } = await mailDistrict();
    const port = await closedPort();
    await api.ok('root', 'mail.saveSettings', plainSettings(await smtpServer(), { port }));
    expect(await api.call('root', 'mail.sendTest', { to: 'ada@springfield.edu' })).toEqual({
      ok: false,
      error: {
        code: 'OFFLINE',
        message: `The mail server 127.0.0.1:${port} refused the connection. Check the server name and port, and that the server is running.`,
      },
    });
  });

  it('when the server does not offer STARTTLS', async () => {
    const { api, smtpServer } = await mailDistrict();
    const server = await smtpServer();
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { security: 'starttls' }));
    expect(await api.call('root', 'mail.sendTest', { to: 'ada@springfield.edu' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining(`The mail server 127.0.0.1:${server.port} could not switch to an encrypted connection (STARTTLS).`) },
    });
  });

  it('when TLS is chosen for a port that speaks plain SMTP', async () => {
    const { api, smtpServer } = await mailDistrict();
    const server = await smtpServer();
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { security: 'tls' }));
    expect(await api.call('root', 'mail.sendTest', { to: 'ada@springfield.edu' })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: `The mail server 127.0.0.1:${server.port} did not answer with TLS. Port 465 usually needs "TLS" and port 587 "STARTTLS": check the port and the security setting.`,
      },
    });
  });

  it('when the server certificate is not trusted, and TLS is never weakened to get through', async () => {
    const { api, smtpServer } = await mailDistrict();
    const server = await smtpServer({ starttls: true });
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { security: 'starttls' }));
    expect(await api.call('root', 'mail.sendTest', { to: 'ada@springfield.edu' })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          `The mail server 127.0.0.1:${server.port} could not prove it is the real server: its certificate is self-signed (the self-signed certificate “Managed Distribution test SMTP server”). ` +
          "If the district uses its own certificate authority, install it in this computer's certificate store; otherwise ask the server's administrator for a certificate this computer trusts, and check the server name.",
      },
    });
    expect(server.received).toEqual([]);
  });

  it('when the server refuses the recipient', async () => {
    const { api, smtpServer } = await mailDistrict();
    const server = await smtpServer({ refuse: { 'nobody@springfield.edu': 'No such mailbox here' } });
    await api.ok('root', 'mail.saveSettings', plainSettings(server));
    expect(await api.call('root', 'mail.sendTest', { to: 'nobody@springfield.edu' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'The mail server refused the address nobody@springfield.edu. The server said: "550 No such mailbox here".' },
    });
  });

  it('before any server is set', async () => {
    const { api } = await mailDistrict();
    expect(await api.call('root', 'mail.sendTest', { to: 'ada@springfield.edu' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/^Email is not set up yet\./) },
    });
  });
});

describe('encrypted delivery', () => {
  it('sends over STARTTLS to a server whose certificate is trusted', async () => {
    const { api, smtpServer } = await mailDistrict({ trust: new TrustStore(() => [TEST_TLS.cert]) });
    const server = await smtpServer({ starttls: true });
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { security: 'starttls' }));
    await api.ok('root', 'mail.sendTest', { to: 'ada@springfield.edu' });
    expect((await server.waitFor(1))[0]?.secure).toBe(true);
  });

  it('sends over implicit TLS to a server whose certificate is trusted', async () => {
    const { api, smtpServer } = await mailDistrict({ trust: new TrustStore(() => [TEST_TLS.cert]) });
    const server = await smtpServer({ implicitTls: true });
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { security: 'tls' }));
    await api.ok('root', 'mail.sendTest', { to: 'ada@springfield.edu' });
    expect((await server.waitFor(1))[0]?.secure).toBe(true);
  });

  it("trusts a district's private CA installed in the system's certificate store, over STARTTLS and implicit TLS", async () => {
    const { api, smtpServer } = await mailDistrict({ trust: new TrustStore(() => [PRIVATE_CA.caCert]) });
    for (const [security, serverOptions] of [
      ['starttls', { starttls: true }],
      ['tls', { implicitTls: true }],
    ] as const) {
      const server = await smtpServer({ ...serverOptions, certificate: PRIVATE_CA.server });
      await api.ok('root', 'mail.saveSettings', plainSettings(server, { security }));
      await api.ok('root', 'mail.sendTest', { to: 'ada@springfield.edu' });
      expect((await server.waitFor(1))[0]?.secure).toBe(true);
    }
  });

  it('names the certificate when its authority is not in the store, over STARTTLS and implicit TLS', async () => {
    const { api, smtpServer } = await mailDistrict({ trust: new TrustStore(() => []) });
    for (const [security, serverOptions] of [
      ['starttls', { starttls: true }],
      ['tls', { implicitTls: true }],
    ] as const) {
      const server = await smtpServer({ ...serverOptions, certificate: PRIVATE_CA.server });
      await api.ok('root', 'mail.saveSettings', plainSettings(server, { security }));
      const answer = await api.call('root', 'mail.sendTest', { to: 'ada@springfield.edu' });
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: expect.stringContaining(
            `could not prove it is the real server: its certificate is signed by an authority this computer does not trust (the certificate “${PRIVATE_CA.serverName}”, issued by “${PRIVATE_CA.caName}”).`,
          ),
        },
      });
      expect(server.received).toEqual([]);
    }
  });

  it('never encrypts with "none", even when the server offers STARTTLS', async () => {
    const { api, smtpServer } = await mailDistrict();
    const server = await smtpServer({ starttls: true });
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { security: 'none' }));
    await api.ok('root', 'mail.sendTest', { to: 'ada@springfield.edu' });
    expect((await server.waitFor(1))[0]?.secure).toBe(false);
  });
});
