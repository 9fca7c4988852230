import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMdm } from '../../../main/mdm/create-mdm';
import { inviteToProgram } from '../../../main/mdm/mdm-commands';
import { MDM_API_KEY_ACCOUNT } from '../../../main/mdm/mdm-settings-store';
import { startFakeNanoMdm, type FakeNanoMdmOptions } from '../../support/fake-nanomdm';
import { dispatchTo } from '../../support/settings-dispatch';
import { useSettingsDistricts } from '../../support/settings-district';
import { closedPort } from '../../support/smtp-test-server';

const district = useSettingsDistricts();

async function mdmDistrict(serverOptions: FakeNanoMdmOptions = {}) {
  const d = await district();
  const mdm = createMdm({ ...d.ports, timeoutMs: 2000 });
  const server = await startFakeNanoMdm(serverOptions);
  d.onCleanup(() => server.close());
  return { ...d, mdm, server, api: dispatchTo(mdm.handlers, d.sessions) };
}

const API_KEY = 'nanomdm-api-key';

describe('MDM server settings', () => {
  it('start empty and are read by any admin', async () => {
    const { api } = await mdmDistrict();
    expect(await api.ok('school', 'mdm.settings', {})).toEqual({ baseUrl: '', apiKeySet: false });
  });

  it('keep the API key in the keychain only, and audit the change without it', async () => {
    const { api, app, dataDir, secrets, ports, server } = await mdmDistrict();
    expect(await api.ok('root', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: API_KEY })).toEqual({ baseUrl: server.baseUrl, apiKeySet: true });
    expect(await secrets.get(MDM_API_KEY_ACCOUNT)).toBe(API_KEY);
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readdirSync(dataDir)
      .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
      .join('\n');
    expect(bytes).toContain(server.baseUrl);
    expect(bytes).not.toContain(API_KEY);
    expect(ports.audit.latest(1)[0]).toMatchObject({ action: 'mdm.saveSettings', target: 'settings:mdm', details: { baseUrl: server.baseUrl, apiKey: 'replaced' } });

    expect(await api.ok('root', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: null })).toMatchObject({ apiKeySet: true });
    expect(await api.ok('root', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: '' })).toMatchObject({ apiKeySet: false });
    expect(await secrets.get(MDM_API_KEY_ACCOUNT)).toBeNull();
  });

  it('drop the stored API key when the server changes though the form kept it: the new server never sees the key, and the audit says so', async () => {
    const { api, secrets, ports, server, onCleanup } = await mdmDistrict({ apiKey: API_KEY });
    await api.ok('root', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: API_KEY });
    await api.ok('root', 'mdm.testConnection', {});
    expect(server.credentialsSeen).toContain(`nanomdm:${API_KEY}`);

    const other = await startFakeNanoMdm({ apiKey: 'the other server key' });
    onCleanup(() => other.close());
    expect(await api.ok('root', 'mdm.saveSettings', { baseUrl: other.baseUrl, apiKey: null })).toEqual({ baseUrl: other.baseUrl, apiKeySet: false });

    expect(await secrets.get(MDM_API_KEY_ACCOUNT)).toBeNull();
    expect(ports.audit.latest(1)[0]?.details).toMatchObject({
      apiKey: 'dropped',
      apiKeyDropped: `The server changed from ${server.baseUrl}, so the stored API key was removed; it must be entered again.`,
    });
    expect(await api.call('root', 'mdm.testConnection', {})).toMatchObject({ ok: false });
    expect(other.credentialsSeen).toEqual([]);
  });

  it('keep the stored API key for another path on the same server', async () => {
    const { api, secrets, ports, server } = await mdmDistrict();
    await api.ok('root', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: API_KEY });
    expect(await api.ok('root', 'mdm.saveSettings', { baseUrl: `${server.baseUrl}/nanomdm`, apiKey: null })).toMatchObject({ apiKeySet: true });
    expect(await secrets.get(MDM_API_KEY_ACCOUNT)).toBe(API_KEY);
    expect(ports.audit.latest(1)[0]?.details).toMatchObject({ apiKey: 'kept' });
  });

  it('are changed and tested only by a direct admin of the organization', async () => {
    const { api, server, secrets } = await mdmDistrict();
    expect(await api.call('school', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: API_KEY })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only a direct admin of the organization can change the MDM server.' },
    });
    expect(await api.call('school', 'mdm.testConnection', {})).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only a direct admin of the organization can test the MDM server.' },
    });
    expect(await secrets.get(MDM_API_KEY_ACCOUNT)).toBeNull();
  });

  it('refuse plain http to another computer, since the API key travels with every request, and allow it on this one', async () => {
    const { api, secrets } = await mdmDistrict();
    const refusal =
      'Use the server’s https:// address: the API key goes with every request, and over http:// anyone on the network could read it. Plain http:// is only for a server on this computer (localhost or 127.0.0.1).';
    for (const baseUrl of ['http://mdm.springfield.edu', 'http://10.0.0.5:9000', 'http://127.0.0.1.nip.io']) {
      expect(await api.call('root', 'mdm.saveSettings', { baseUrl, apiKey: API_KEY })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: [{ path: 'baseUrl', message: refusal }] },
      });
    }
    expect(await secrets.get(MDM_API_KEY_ACCOUNT)).toBeNull();
    for (const baseUrl of ['https://mdm.springfield.edu', 'http://127.0.0.1:9000', 'http://127.8.0.1', 'http://localhost:9000', 'http://[::1]:9000']) {
      expect(await api.ok('root', 'mdm.saveSettings', { baseUrl, apiKey: null })).toMatchObject({ baseUrl });
    }
  });

  it('do not use a plain http address saved before it was refused', async () => {
    const { api, app, server } = await mdmDistrict();
    await api.ok('root', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: API_KEY });
    app.db.prepare("UPDATE settings SET value = ? WHERE key = 'mdm.baseUrl'").run(JSON.stringify('http://mdm.springfield.edu'));
    expect(await api.call('root', 'mdm.testConnection', {})).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          'The MDM server address http://mdm.springfield.edu cannot be used. Use the server’s https:// address: the API key goes with every request, and over http:// anyone on the network could read it. Plain http:// is only for a server on this computer (localhost or 127.0.0.1).',
      },
    });
  });

  it('refuse an address that is not a web address', async () => {
    const { api } = await mdmDistrict();
    expect(await api.call('root', 'mdm.saveSettings', { baseUrl: 'mdm.district.org', apiKey: null })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'baseUrl', message: 'Enter the MDM server address, starting with https://.' }] },
    });
  });
});

describe('testing the MDM connection', () => {
  it('proves address, product and key without queueing anything', async () => {
    const { api, server } = await mdmDistrict();
    await api.ok('root', 'mdm.saveSettings', { baseUrl: `${server.baseUrl}/`, apiKey: API_KEY });
    expect(await api.ok('root', 'mdm.testConnection', {})).toEqual({
      message: `Connected to NanoMDM v0.8.0 at ${server.baseUrl}; it accepted the API key.`,
    });
    expect(server.enqueues.map((e) => e.ids)).toEqual([[]]);
  });

  it('says the key was refused', async () => {
    const { api, server } = await mdmDistrict();
    await api.ok('root', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: 'an old key' });
    expect(await api.call('root', 'mdm.testConnection', {})).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'The MDM server refused the API key. Enter the key NanoMDM was started with (its -api option) in Settings.' },
    });
  });

  it('says the server could not be reached', async () => {
    const { api } = await mdmDistrict();
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    await api.ok('root', 'mdm.saveSettings', { baseUrl, apiKey: API_KEY });
    expect(await api.call('root', 'mdm.testConnection', {})).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE', message: expect.stringMatching(new RegExp(`^The MDM server at ${baseUrl} could not be reached\\.`)) },
    });
  });

  it('says when the address is not a NanoMDM server', async () => {
    const { api, server } = await mdmDistrict({ notNanoMdm: true });
    await api.ok('root', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: API_KEY });
    expect(await api.call('root', 'mdm.testConnection', {})).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: `The server at ${server.baseUrl} answered, but not as NanoMDM does (no version at /version). Check the address.` },
    });
  });

  it('asks for the settings first', async () => {
    const { api } = await mdmDistrict();
    expect(await api.call('root', 'mdm.testConnection', {})).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'No MDM server is set up yet. A direct admin of the organization enters its address and API key in Settings.' },
    });
  });
});

describe('the configured adapter jobs use', () => {
  it('enqueues through the saved server, and picks up a new key at the next call', async () => {
    const { api, mdm, server } = await mdmDistrict({ apiKey: 'second key' });
    await api.ok('root', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: 'first key' });
    await expect(mdm.adapter.enqueue(['UDID-1'], inviteToProgram('https://example.com/invite?inviteCode=1'))).rejects.toMatchObject({
      message: expect.stringMatching(/^The MDM server refused the API key\./),
    });

    await api.ok('root', 'mdm.saveSettings', { baseUrl: server.baseUrl, apiKey: 'second key' });
    const { results } = await mdm.adapter.enqueue(['UDID-1'], inviteToProgram('https://example.com/invite?inviteCode=1'));
    expect(results).toMatchObject([{ enrollmentId: 'UDID-1', status: 'queued' }]);
    expect(server.enqueues.map((e) => e.credentials)).toEqual(['nanomdm:second key']);
  });
});
