import { describe, expect, it } from 'vitest';
import { jobEnd } from '../../support/import-files';
import { startInvitationWorld } from '../../support/invitation-world';
import { useSandboxes } from '../../support/sandbox';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const factories = { tempDir: useTempDirs(), newSecrets: useTestSecretStore(), startApp: useTestApps(), startSandbox: useSandboxes() };
const iPad = { platform: 'iPadOS' as const, osVersion: '17.4' };
const APP = '361309726';

describe('a person retired at Apple and created again', () => {
  it('is invitable, may receive user installs, and is not suggested for reclaiming', async () => {
    const world = await startInvitationWorld(factories, [
      { name: 'Rita Registered', email: 'rita@springfield.edu', devices: [iPad] },
      { name: 'Max Managed', email: 'max@springfield.edu', managedAppleId: 'max@appleid.springfield.edu', devices: [iPad] },
    ]);
    const [rita, max] = world.users;
    world.sandbox.addAsset(world.location.id, {
      adamId: APP,
      pricingParam: 'STDQ',
      productType: 'App',
      totalCount: 10,
      deviceAssignable: false,
      revocable: true,
      supportedPlatforms: ['iOS'],
    });
    const apple = world.appleClient;
    const people = [
      { clientUserId: rita!.clientUserId, email: 'rita@springfield.edu' },
      { clientUserId: max!.clientUserId, managedAppleId: 'max@appleid.springfield.edu' },
    ];
    await apple.waitForEvent(await apple.createUsers(people));
    await apple.waitForEvent(await apple.associate({ assets: [{ adamId: APP }], clientUserIds: [rita!.clientUserId] }));
    await apple.waitForEvent(await apple.retireUsers(people.map(({ clientUserId }) => ({ clientUserId }))));
    await apple.waitForEvent(await apple.createUsers(people));
    expect(world.sandbox.usersOf(world.location.id).map((u) => [u.clientUserId, u.status])).toEqual([
      [rita!.clientUserId, 'Registered'],
      [max!.clientUserId, 'Associated'],
      [rita!.clientUserId, 'Retired'],
      [max!.clientUserId, 'Retired'],
    ]);
    expect((await jobEnd(world.app, (await world.root.ok('sync.start', { serviceId: world.service.id })).id)).state).toBe('succeeded');

    const preview = await world.root.ok('invitations.preview', world.options());
    expect(preview).toMatchObject({ users: 1, byEmail: 1 });
    expect(preview.skipped.map((s) => s.reason)).not.toContain('retired');

    const tokenId = world.app.db.prepare('SELECT id FROM tokens WHERE service_id = ?').pluck().get(world.service.id) as number;
    const install = await world.root.ok('installs.preview', { groupId: world.school.id, tokenId, adamId: APP, kind: 'user', target: 'group' });
    const reasonsOf = (userName: string) => install.items.filter((item) => item.userName === userName).flatMap((item) => item.reasons.map((r) => r.code));
    expect(reasonsOf('Max Managed')).toEqual([]);
    expect(reasonsOf('Rita Registered')).toEqual(['user-not-associated']);

    // Rita's license, held since before her retirement, is hers again: nothing to reclaim.
    expect(world.sandbox.assignmentsOf(world.location.id).map((a) => a.clientUserId)).toEqual([rita!.clientUserId]);
    const suggestions = await world.root.ok('licenses.reclaimSuggestions', { groupId: world.school.id });
    expect(suggestions.filter((s) => s.why === 'retired-user')).toEqual([]);
  });
});
