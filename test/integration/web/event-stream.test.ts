import { request, type ClientRequest } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../../main/app';
import { startWebServer, type WebServer } from '../../../main/web/web-server';
import { jobEnd } from '../../support/import-files';
import { appleConfigFor, useSandboxes } from '../../support/sandbox';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';
import { startTwoDistricts } from '../../support/two-districts';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startApp = useTestApps();
const startSandbox = useSandboxes();
const open: { server: WebServer; streams: ClientRequest[] }[] = [];
afterEach(async () => {
  for (const { server, streams } of open.splice(0)) {
    for (const stream of streams) stream.destroy();
    await server.close();
  }
});

interface Frame {
  event: string;
  data: Record<string, unknown>;
}

/** Browser mode over real HTTP for the two districts, and tabs that stream its events. */
async function browserMode() {
  const sandbox = await startSandbox();
  const app: App = startApp(tempDir(), newSecrets(), appleConfigFor(sandbox));
  const world = await startTwoDistricts(app, sandbox);
  const server = await startWebServer({ dispatch: app.dispatch, events: app.listen, staticDir: tempDir() });
  const streams: ClientRequest[] = [];
  open.push({ server, streams });

  async function call(tab: string, channel: string, input: unknown) {
    const answer = await fetch(`http://127.0.0.1:${server.port}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.key}`, 'X-Client-Id': tab },
      body: JSON.stringify(input),
    });
    return (await answer.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
  }

  /** A tab's event stream: every frame it has received so far. */
  async function stream(tab: string): Promise<Frame[]> {
    const frames: Frame[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: `/api/events?key=${server.key}&client=${tab}` }, (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
          if (text.startsWith(': connected\n\n')) resolve();
          for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
            const block = text.slice(0, end);
            text = text.slice(end + 2);
            const match = /^event: (.+)\ndata: (.+)$/.exec(block);
            if (match) frames.push({ event: match[1]!, data: JSON.parse(match[2]!) });
          }
        });
      });
      req.on('error', reject);
      req.end();
      streams.push(req);
    });
    return frames;
  }

  return { ...world, app, call, stream };
}

const jobFrames = (frames: Frame[]) => frames.filter((f) => f.event === 'jobs.progress');

describe('who hears what on the event stream', () => {
  it('a tab nobody signed in on hears nothing while jobs run and things change', async () => {
    const mode = await browserMode();
    const nobody = await mode.stream('not-signed-in-tab');
    const alice = await mode.stream('alice-tab-0001');
    expect(await mode.call('alice-tab-0001', 'auth.signIn', { email: 'alice@district.example', password: 'correct horse battery' })).toMatchObject({ ok: true });

    const started = await mode.alice.ok('sync.start', { serviceId: mode.service.id });
    await jobEnd(mode.app, started.id);
    await mode.alice.ok('groups.create', { parentId: mode.districtA.id, name: 'A Middle', kind: 'school' });
    await vi.waitFor(() => expect(alice.map((f) => f.event)).toContain('directory.changed'));

    expect(jobFrames(alice).at(-1)?.data).toMatchObject({ id: started.id, state: 'succeeded' });
    expect(alice.map((f) => f.event)).toContain('sync.changed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(nobody).toEqual([]);
  });

  it("a tab signed in as District B's admin hears none of District A's job progress or changes", async () => {
    const mode = await browserMode();
    const bob = await mode.stream('bob-tab-00001');
    const alice = await mode.stream('alice-tab-0001');
    for (const [tab, email] of [['bob-tab-00001', 'bob@district.example'], ['alice-tab-0001', 'alice@district.example']] as const) {
      expect(await mode.call(tab, 'auth.signIn', { email, password: 'correct horse battery' })).toMatchObject({ ok: true });
    }

    const started = await mode.alice.ok('sync.start', { serviceId: mode.service.id });
    await jobEnd(mode.app, started.id);
    await mode.alice.ok('services.create', { groupId: mode.districtA.id, name: 'More A apps' });
    await mode.root.ok('groups.create', { parentId: mode.districtB.id, name: 'B High', kind: 'school' });
    await vi.waitFor(() => expect(bob.map((f) => f.event)).toContain('directory.changed'));
    await vi.waitFor(() => expect(alice.map((f) => f.event)).toContain('distribution.changed'));

    expect(jobFrames(alice).length).toBeGreaterThan(1);
    // Bob hears his own district's change, and nothing of District A's.
    expect(bob).toEqual([{ event: 'directory.changed', data: { groupIds: [expect.any(Number), mode.districtB.id] } }]);
    expect(alice.map((f) => f.event)).not.toContain('directory.changed');
  });

  it('a tab stops hearing events once its admin signs out', async () => {
    const mode = await browserMode();
    const alice = await mode.stream('alice-tab-0001');
    await mode.call('alice-tab-0001', 'auth.signIn', { email: 'alice@district.example', password: 'correct horse battery' });
    await mode.alice.ok('groups.create', { parentId: mode.districtA.id, name: 'A Middle', kind: 'school' });
    await vi.waitFor(() => expect(alice).toHaveLength(1));

    expect(await mode.call('alice-tab-0001', 'auth.signOut', {})).toMatchObject({ ok: true });
    const started = await mode.alice.ok('sync.start', { serviceId: mode.service.id });
    await jobEnd(mode.app, started.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alice.map((f) => f.event)).toEqual(['directory.changed']);
  });
});
