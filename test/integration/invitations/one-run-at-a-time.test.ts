import { afterEach, describe, expect, it } from 'vitest';
import { startInvitationWorld, type InvitationWorld, type Person } from '../../support/invitation-world';
import { plainSettings } from '../../support/mail-district';
import { useSandboxes } from '../../support/sandbox';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const factories = { tempDir: useTempDirs(), newSecrets: useTestSecretStore(), startApp: useTestApps(), startSandbox: useSandboxes() };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const students = (count: number): Person[] =>
  Array.from({ length: count }, (_, i) => ({ name: `Student ${String(i + 1).padStart(2, '0')}`, email: `student${i + 1}@springfield.edu`, devices: [{ platform: 'iPadOS', osVersion: '17.4' }] }));

async function smtp(world: InvitationWorld): Promise<SmtpTestServer> {
  const server = await startSmtpTestServer();
  closers.push(() => server.close());
  await world.root.ok('mail.saveSettings', plainSettings(server));
  return server;
}

describe('one invitation run at a time', () => {
  it('two Invite Users at the same moment make one run: everyone is emailed once, and the second admin is told which run is going', async () => {
    const world = await startInvitationWorld(factories, students(20));
    const server = await smtp(world);

    const answers = await Promise.all([world.root.call('invitations.start', world.options()), world.root.call('invitations.start', world.options())]);

    const accepted = answers.filter((a) => a.ok);
    const refused = answers.flatMap((a) => (a.ok ? [] : [a.error]));
    expect(accepted).toHaveLength(1);
    const runId = accepted[0]!.ok ? accepted[0]!.value.runId : '';
    expect(refused).toEqual([
      {
        code: 'CONFLICT',
        message: expect.stringMatching(/^Some of these people are already being invited through this service by a run started at \d\d:\d\d by Ada Admin\. Open that run to follow it, or try again once it has ended\.$/),
        details: { runId },
      },
    ]);

    const run = await world.finished(runId);
    expect(run.counts).toMatchObject({ emailed: 20, failed: 0 });
    await server.waitFor(20);
    for (const user of world.users) expect(server.received.filter((r) => r.recipients.includes(user.email!))).toHaveLength(1);
    expect(server.received).toHaveLength(20);
    expect(world.app.db.prepare('SELECT count(*) FROM invitation_runs').pluck().get()).toBe(1);
  });

  it('refuses a run of other options that would reach the same people while the first goes on, and allows it once that has ended', async () => {
    const world = await startInvitationWorld(factories, students(3));
    const server = await smtp(world);

    const first = world.root.call('invitations.start', world.options());
    const notYetInvited = world.root.call('invitations.start', world.options({ audience: 'not-invited' }));
    const [a, b] = await Promise.all([first, notYetInvited]);
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { runId: a.ok ? a.value.runId : '' } } });
    await world.finished(a.ok ? a.value.runId : '');

    const later = await world.root.ok('invitations.start', world.options({ audience: 'reminder' }));
    expect((await world.finished(later.runId)).counts).toMatchObject({ emailed: 3 });
    await server.waitFor(6);
    expect(server.received).toHaveLength(6);
  });
});
