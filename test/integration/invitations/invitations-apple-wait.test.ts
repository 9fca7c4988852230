import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App, type AppleConfig } from '../../../main/app';
import { clockTime } from '../../../main/clock/clock-time';
import type { SecretStore } from '../../../main/keychain/secret-store';
import { startInvitationWorld } from '../../support/invitation-world';
import { plainSettings } from '../../support/mail-district';
import { manualTime } from '../../support/manual-time';
import { useSandboxes } from '../../support/sandbox';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const time = manualTime();
const apps: App[] = [];
const servers: SmtpTestServer[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) app.close();
  for (const server of servers.splice(0)) await server.close();
});
const startApp = (dataDir: string, secrets: SecretStore, apple?: AppleConfig) => {
  const app = createApp({ dataDir, secrets, apple, clock: time.clock, timers: time.timers, autoSync: false, logError: () => undefined });
  apps.push(app);
  return Object.assign(app, { logged: [] as unknown[] });
};
const factories = { tempDir: useTempDirs(), newSecrets: useTestSecretStore(), startApp, startSandbox: useSandboxes() };
const iPad = { platform: 'iPadOS' as const, osVersion: '17.4' };

describe('an invitation run Apple asks to wait', () => {
  it("waits for Apple's Retry-After time, says so on the job and the run, keeps waiting across a restart, then goes on by itself", async () => {
    const world = await startInvitationWorld(factories, [
      { name: 'Ann Archer', email: 'ann@springfield.edu', devices: [iPad] },
      { name: 'Ben Baker', email: 'ben@springfield.edu', devices: [iPad] },
    ]);
    const server = await startSmtpTestServer();
    servers.push(server);
    await world.root.ok('mail.saveSettings', plainSettings(server));
    world.sandbox.injectFaults({ kind: 'rate-limited', retryAfter: '600' }, { path: '/users/create', count: 1 });

    const { runId, job } = await world.root.ok('invitations.start', world.options());
    await vi.waitFor(async () => expect((await world.root.ok('jobs.get', { jobId: job.id })).phase).toMatch(/^Apple asked us to wait; the next try is at \d\d:\d\d$/));
    const waiting = await world.root.ok('invitations.results', { runId });
    const resumeAt = new Date(world.app.db.prepare('SELECT resume_at FROM invitation_runs WHERE id = ?').pluck().get(runId) as string);
    expect(waiting).toMatchObject({ state: 'running', message: `Apple asked us to wait 10 minutes; the next try is at ${clockTime(resumeAt)}.` });
    expect((await world.root.ok('jobs.get', { jobId: job.id })).phase).toBe(`Apple asked us to wait; the next try is at ${clockTime(resumeAt)}`);
    expect([...time.pending.values()].map((t) => t.ms)).toEqual([expect.closeTo(600_000, -4)]);
    expect(server.received).toEqual([]);

    // Quitting meanwhile keeps the run; the next start waits for what is left of Apple's time.
    await world.restart();
    apps.splice(0, apps.length - 1);
    await vi.waitFor(() => expect([...time.pending.values()].map((t) => t.ms)).toEqual([expect.closeTo(600_000, -4)]));
    world.sandbox.resetTraffic();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(world.sandbox.recordedRequests()).toEqual([]);
    time.advance(600_000);
    time.fire();
    const run = await world.finished(runId);
    expect(run).toMatchObject({ state: 'finished', message: null, counts: { created: 2, emailed: 2, failed: 0 } });
    expect(server.received.map((r) => r.recipients[0]).sort()).toEqual(['ann@springfield.edu', 'ben@springfield.edu']);
    expect(world.sandbox.recordedRequests().map((r) => r.path)).toContain('/users/create');
  });
});
