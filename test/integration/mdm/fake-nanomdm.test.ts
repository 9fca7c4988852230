import { randomUUID } from 'node:crypto';
import { build } from 'plist';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeNanoMdm, type FakeNanoMdm, type FakeNanoMdmOptions } from '../../support/fake-nanomdm';

const servers: FakeNanoMdm[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function fake(options: FakeNanoMdmOptions = {}) {
  const server = await startFakeNanoMdm(options);
  servers.push(server);
  const auth = { Authorization: `Basic ${Buffer.from(`nanomdm:${server.apiKey}`).toString('base64')}` };
  const call = async (method: string, path: string, body?: string, headers: Record<string, string> = auth) => {
    const response = await fetch(`${server.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : text };
  };
  const command = (uuid = randomUUID()) => ({ uuid, plist: build({ Command: { RequestType: 'InviteToProgram' }, CommandUUID: uuid }) });
  return { server, call, command };
}

// Each case is one line of mdm-api.md's corrections, checked against NanoMDM's source.
describe('the fake NanoMDM answers as NanoMDM does', () => {
  it('on key-value storage (the default) queues an unknown id and fails only its push: 207, or 500 when all are unknown', async () => {
    const { server, call, command } = await fake({ enrolled: ['A'] });
    const first = command();
    const partial = await call('PUT', '/v1/enqueue/A,B', first.plist);
    expect(partial.status).toBe(207);
    expect(partial.json).toEqual({
      status: { A: { push_result: expect.any(String) }, B: { push_error: 'push data missing for id' } },
      command_uuid: first.uuid,
      request_type: 'InviteToProgram',
    });
    expect(server.queueOf('B')).toEqual([first.uuid]);

    const second = command();
    const none = await call('PUT', '/v1/enqueue/B,C', second.plist);
    expect(none).toMatchObject({ status: 500, json: { status: { B: { push_error: 'push data missing for id' }, C: { push_error: 'push data missing for id' } } } });
    expect(server.queueOf('C')).toEqual([second.uuid]);
  });

  it('on SQL storage fails the whole batch for one unknown id and queues nothing', async () => {
    const { server, call, command } = await fake({ storage: 'sql', enrolled: ['A'] });
    const { uuid, plist } = command();
    const answer = await call('PUT', '/v1/enqueue/A,B', plist);
    expect(answer).toEqual({
      status: 500,
      json: {
        command_error: 'pq: insert or update on table "enrollment_queue" violates foreign key constraint "enrollment_queue_id_fkey"',
        command_uuid: uuid,
        request_type: 'InviteToProgram',
      },
    });
    expect(server.queueOf('A')).toEqual([]);
  });

  it('without APNs answers 500 with a top-level push_error and no status map, though every command was queued', async () => {
    const { server, call, command } = await fake({ apnsUnset: true });
    const { uuid, plist } = command();
    const answer = await call('PUT', '/v1/enqueue/A,B', plist);
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({
      push_error: expect.stringMatching(/^retrieving push cert for topic "com\.apple\.mgmt\.External\.[0-9a-f-]+": key not found$/),
      command_uuid: uuid,
      request_type: 'InviteToProgram',
    });
    expect([server.queueOf('A'), server.queueOf('B')]).toEqual([[uuid], [uuid]]);
  });

  it('skips the push for any non-empty nopush value', async () => {
    const { server, call, command } = await fake({ enrolled: [] });
    for (const value of ['1', '0', 'false']) {
      const answer = await call('PUT', `/v1/enqueue/A?nopush=${value}`, command().plist);
      expect(answer).toMatchObject({ status: 200, json: { no_push: true } });
      expect(answer.json).not.toHaveProperty('status');
    }
    expect(server.queueOf('A')).toHaveLength(3);
    const pushed = await call('PUT', '/v1/enqueue/A?nopush=', command().plist);
    expect(pushed).toMatchObject({ status: 500, json: { status: { A: { push_error: 'push data missing for id' } } } });
  });

  it('decodes the path before splitting it on commas', async () => {
    const { server, call, command } = await fake();
    await call('PUT', `/v1/enqueue/${encodeURIComponent('A,B')},C`, command().plist);
    expect(server.enqueues[0]?.ids).toEqual(['A', 'B', 'C']);
  });

  it('refuses a CommandUUID it already holds, and does not push', async () => {
    const { server, call, command } = await fake();
    const { uuid, plist } = command();
    expect((await call('PUT', '/v1/enqueue/A', plist)).status).toBe(200);
    expect(await call('PUT', '/v1/enqueue/B', plist)).toEqual({ status: 500, json: { command_error: `command already exists: ${uuid}`, command_uuid: uuid, request_type: 'InviteToProgram' } });
    expect(server.queueOf('B')).toEqual([]);
  });

  it('refuses a wrong key with 401, answers /version without one, and refuses an empty id list', async () => {
    const { call, command } = await fake();
    const wrong = { Authorization: `Basic ${Buffer.from('nanomdm:wrong').toString('base64')}` };
    expect((await call('PUT', '/v1/enqueue/A', command().plist, wrong)).status).toBe(401);
    expect(await call('GET', '/version', undefined, {})).toEqual({ status: 200, json: { version: 'v0.8.0' } });
    expect(await call('PUT', '/v1/enqueue/', '')).toEqual({ status: 500, json: { command_error: 'getting enrollment ids: empty path' } });
    expect(await call('PUT', '/v1/enqueue/A', 'not a plist')).toMatchObject({ status: 500, json: { command_error: expect.stringMatching(/^decoding command: /) } });
  });

  it('pushes again on /v1/push without queueing anything, with the same answer shape', async () => {
    const { server, call } = await fake({ enrolled: ['A'] });
    const answer = await call('GET', '/v1/push/A,B');
    expect(answer).toEqual({ status: 207, json: { status: { A: { push_result: expect.any(String) }, B: { push_error: 'push data missing for id' } } } });
    expect(server.pushes).toEqual([{ method: 'GET', ids: ['A', 'B'] }]);
    expect(server.queueOf('A')).toEqual([]);
    server.enroll('B');
    expect((await call('GET', '/v1/push/B')).status).toBe(200);
  });
});
