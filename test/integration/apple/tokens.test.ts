import { describe, expect, it } from 'vitest';
import { parseServiceToken } from '../../../main/apple/token/token-parser';
import { caught, startSandboxHarness } from '../../support/apple/sandbox-harness';

describe('sandbox tokens and what the client makes of them', () => {
  it('mints tokens in the .vpptoken format the parser reads', async () => {
    const { sandbox, location } = await startSandboxHarness();
    const expiresAt = new Date('2027-05-01T12:00:00Z');
    const parsed = parseServiceToken(sandbox.mintToken(location.id, { expiresAt }), new Date('2026-05-01T00:00:00Z'));
    expect(parsed).toMatchObject({ orgName: 'Lincoln District', expiresAt, warning: null });
    const file = JSON.parse(Buffer.from(parsed.token, 'base64').toString('utf8')) as Record<string, string>;
    expect(file.expDate).toBe('2027-05-01T12:00:00+0000');
    expect(file.token).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('says exactly what to do when the token was revoked (9625)', async () => {
    const { client, sandbox, token } = await startSandboxHarness();
    await client.getClientConfig();
    sandbox.revokeToken(token);
    const error = await caught(() => client.getClientConfig());
    expect(error).toMatchObject({
      code: 'TOKEN_REVOKED',
      appleErrorNumber: 9625,
      httpStatus: 401,
      message: 'The sToken has been revoked. Sign in to Apple School Manager and download the token again.',
    });
    expect(sandbox.trafficStats().requests).toBe(2);
  });

  it('reports an expired token as TOKEN_EXPIRED (9621)', async () => {
    const { client, sandbox, token } = await startSandboxHarness();
    sandbox.expireToken(token);
    await expect(client.readUsers().all()).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', appleErrorNumber: 9621 });
  });

  it('reports a token Apple never issued as TOKEN_INVALID (9622)', async () => {
    const { clientWith } = await startSandboxHarness();
    const stranger = clientWith({ token: Buffer.from('{"token":"x","expDate":"2030-01-01T00:00:00Z","orgName":"X"}').toString('base64') });
    await expect(stranger.getClientConfig()).rejects.toMatchObject({ code: 'TOKEN_INVALID', appleErrorNumber: 9622 });
  });

  it('tells the expiry date in the last 15 days of a token', async () => {
    const { clientWith, sandbox, location } = await startSandboxHarness();
    const soon = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000);
    soon.setUTCMilliseconds(0);
    const client = clientWith({ token: sandbox.mintToken(location.id, { expiresAt: soon }) });
    expect((await client.getClientConfig()).tokenExpiresAt?.toISOString()).toBe(soon.toISOString());
  });

  it('keeps each location to its own token', async () => {
    const { clientWith, sandbox } = await startSandboxHarness();
    const other = sandbox.createLocation({ name: 'Washington High', uId: '2049025000431439' });
    const client = clientWith({ token: sandbox.mintToken(other.id) });
    expect(await client.getClientConfig()).toMatchObject({ locationName: 'Washington High', uId: '2049025000431439' });
  });
});
