import { describe, expect, it } from 'vitest';
import { clientOf, signedInAs, withOrganization } from '../../support/directory-app';
import { pick, seededRandom } from '../../support/seeded-random';
import { organization, useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startApp = useTestApps();
const PASSWORD = 'school admin password';

async function district() {
  const app = startApp(tempDir(), newSecrets());
  const root = await withOrganization(app);
  const north = await root.ok('groups.create', { parentId: 1, name: 'North High', kind: 'school' });
  const south = await root.ok('groups.create', { parentId: 1, name: 'South High', kind: 'school' });
  const algebra = await root.ok('groups.create', { parentId: north.id, name: 'Algebra 1', kind: 'class' });
  return { app, root, north, south, algebra };
}

describe('groups', () => {
  it('creates, renames and moves groups, and keeps names unique among siblings', async () => {
    const { root, north, south, algebra } = await district();
    expect(await root.call('groups.create', { parentId: 1, name: 'north high', kind: 'school' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '"Springfield District" already has a group named "north high".' },
    });
    expect(await root.ok('groups.rename', { groupId: algebra.id, name: 'Algebra I' })).toMatchObject({ name: 'Algebra I' });
    expect(await root.ok('groups.move', { groupId: algebra.id, newParentId: south.id })).toMatchObject({ parentId: south.id });
    const tree = await root.ok('groups.tree', {});
    expect(tree.map((g) => [g.name, g.parentId])).toEqual([
      ['Springfield District', null],
      ['North High', 1],
      ['South High', 1],
      ['Algebra I', south.id],
    ]);
    expect(north.direct).toBe(false);
  });

  it('never moves a group under itself or its own subtree', async () => {
    const { root, north, algebra } = await district();
    expect(await root.call('groups.move', { groupId: north.id, newParentId: algebra.id })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '"North High" cannot move under itself or one of its own groups.' },
    });
    expect(await root.call('groups.move', { groupId: 1, newParentId: north.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('deletes only an empty group, saying what is still inside', async () => {
    const { root, north, algebra } = await district();
    await root.ok('users.create', { name: 'Zoë Park', email: 'zoe@s.edu', managedAppleId: null, role: 'student', gradeLevel: '9', externalId: null, homeGroupId: north.id });
    await root.ok('devices.create', { serialNumber: 'DMPXK1ABCD12', name: null, platform: 'iPadOS', osVersion: '17.4', supervised: true, udid: null, homeGroupId: north.id });
    expect(await root.call('groups.delete', { groupId: north.id })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '"North High" still has 1 group, 1 user, 1 device. Move or delete them first.' },
    });
    expect(await root.ok('groups.delete', { groupId: algebra.id })).toEqual({});
    expect(await root.call('groups.delete', { groupId: 1 })).toMatchObject({ ok: false, error: { message: 'The organization itself cannot be deleted.' } });
  });
});

describe('admins and what they may reach', () => {
  it('a school admin sees only that school and is refused everything outside it', async () => {
    const { app, root, north, south, algebra } = await district();
    const bob = await root.ok('admins.create', { name: 'Bob North', email: 'bob@s.edu', password: PASSWORD, directGroupIds: [north.id] });
    expect(bob).toMatchObject({ directGroups: [{ id: north.id, name: 'North High' }], manageable: true, disabled: false });

    const asBob = await signedInAs(app, 'bob', 'bob@s.edu', PASSWORD);
    expect((await asBob.ok('groups.tree', {})).map((g) => [g.name, g.direct])).toEqual([
      ['North High', true],
      ['Algebra 1', false],
    ]);
    // Groups outside his subtree are answered as groups that do not exist, never by name.
    const notFound = { ok: false, error: { code: 'NOT_FOUND', message: 'That group does not exist or is not yours to see. Reload the organization tree.' } };
    expect(await asBob.call('groups.create', { parentId: south.id, name: 'Art', kind: 'class' })).toEqual(notFound);
    expect(await asBob.call('groups.rename', { groupId: 1, name: 'Mine now' })).toEqual(notFound);
    expect(await asBob.call('groups.move', { groupId: algebra.id, newParentId: south.id })).toEqual(notFound);
    expect(await asBob.call('users.list', { groupId: 1 })).toEqual(notFound);
    expect(await asBob.call('admins.create', { name: 'Eve', email: 'eve@s.edu', password: PASSWORD, directGroupIds: [1] })).toEqual(notFound);
    // Root admin's account is out of Bob's reach and out of his sight: no name, as for an admin who does not exist.
    expect(await asBob.call('admins.setDisabled', { adminId: 1, disabled: true })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That admin does not exist or is not yours to see.' },
    });
    // An admin of North and South is someone Bob sees among North's admins, but may not change.
    const both = await root.ok('admins.create', { name: 'Nell Both', email: 'nell@s.edu', password: PASSWORD, directGroupIds: [north.id, south.id] });
    expect(await asBob.call('admins.setDisabled', { adminId: both.id, disabled: true })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Nell Both administers groups outside yours, so you cannot change their account.' },
    });
    expect(await asBob.ok('groups.create', { parentId: algebra.id, name: 'Period 2', kind: 'class' })).toMatchObject({ parentId: algebra.id });
  });

  it('keeps at least one enabled direct admin of the organization', async () => {
    const { root, north } = await district();
    expect(await root.call('admins.update', { adminId: 1, name: 'Ada Admin', email: organization.email, directGroupIds: [north.id] })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'At least one enabled admin must stay a direct admin of "Springfield District", or nobody could manage the whole organization.',
      },
    });
    expect(await root.call('admins.setDisabled', { adminId: 1, disabled: true })).toMatchObject({ ok: false, error: { message: 'You cannot disable your own account.' } });

    const second = await root.ok('admins.create', { name: 'Cy Root', email: 'cy@s.edu', password: PASSWORD, directGroupIds: [1] });
    expect(await root.ok('admins.setDisabled', { adminId: second.id, disabled: true })).toMatchObject({ disabled: true });
    // The refused update left Ada's groups as they were.
    expect((await root.ok('admins.list', { groupId: 1 })).find((a) => a.id === 1)?.directGroups).toEqual([{ id: 1, name: 'Springfield District' }]);
  });

  it('a disabled admin is signed out and cannot sign in', async () => {
    const { app, root, north } = await district();
    const bob = await root.ok('admins.create', { name: 'Bob', email: 'bob@s.edu', password: PASSWORD, directGroupIds: [north.id] });
    const asBob = await signedInAs(app, 'bob', 'bob@s.edu', PASSWORD);
    await root.ok('admins.setDisabled', { adminId: bob.id, disabled: true });
    expect(await asBob.call('groups.tree', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await clientOf(app, 'again').call('auth.signIn', { email: 'bob@s.edu', password: PASSWORD })).toEqual({
      ok: false,
      error: {
        code: 'UNAUTHENTICATED',
        message: 'The email or password is not correct, or this account is disabled. Check both, or ask an organization admin to enable the account.',
      },
    });
  });

  it('refuses a second admin with the same email', async () => {
    const { root, north } = await district();
    expect(await root.call('admins.create', { name: 'Copy', email: 'ADA@springfield.edu', password: PASSWORD, directGroupIds: [north.id] })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'An admin with the email ada@springfield.edu already exists.' },
    });
  });

  it('five concurrent creations of one admin email: one succeeds, four are refused as a conflict', async () => {
    const { app, root, north } = await district();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        root.call('admins.create', { name: `Copy ${i}`, email: 'twin@s.edu', password: PASSWORD, directGroupIds: [north.id] }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(
      Array.from({ length: 4 }, () => ({ ok: false, error: { code: 'CONFLICT', message: 'An admin with the email twin@s.edu already exists.' } })),
    );
    expect(app.logged).toEqual([]);
    expect((await root.ok('admins.list', { groupId: 1 })).filter((a) => a.email === 'twin@s.edu')).toHaveLength(1);
  });

  it('five concurrent creations of one group or service name: one succeeds, four are refused as a conflict', async () => {
    const { app, root, north } = await district();
    const groups = await Promise.all(Array.from({ length: 5 }, () => root.call('groups.create', { parentId: north.id, name: 'Art', kind: 'class' })));
    const services = await Promise.all(Array.from({ length: 5 }, () => root.call('services.create', { groupId: north.id, name: 'Apps' })));
    for (const results of [groups, services]) {
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(4);
    }
    expect(app.logged).toEqual([]);
  });

  it('refuses common passwords and ones made of the email or organization name, on every path that sets one', async () => {
    const { root, north } = await district();
    const common = 'This password is among the most used and is tried first by attackers. Choose another: a few unrelated words are strong and easy to remember.';
    const refused = (message: string) => ({ ok: false, error: { code: 'VALIDATION', message, details: [{ path: 'password', message }] } });
    expect(await root.call('admins.create', { name: 'Eve', email: 'eve@s.edu', password: 'password1234', directGroupIds: [north.id] })).toEqual(refused(common));
    expect(await root.call('admins.create', { name: 'Eve', email: 'evelyn@s.edu', password: 'evelyn is the best', directGroupIds: [north.id] })).toEqual(
      refused('This password contains the name of its email address, which attackers try first. Choose another.'),
    );
    const bob = await root.ok('admins.create', { name: 'Bob', email: 'bob@s.edu', password: PASSWORD, directGroupIds: [north.id] });
    expect(await root.call('admins.resetPassword', { adminId: bob.id, password: 'our Springfield District team' })).toEqual(
      refused("This password contains the organization's name, which attackers try first. Choose another."),
    );
    expect(await root.call('admins.resetPassword', { adminId: bob.id, password: 'P@ssw0rd2024!' })).toEqual(refused(common));
    expect(await root.call('admins.resetPassword', { adminId: bob.id, password: ' '.repeat(12) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'password: A password needs letters, digits or symbols, not only spaces.' },
    });
    expect((await root.ok('admins.list', { groupId: 1 })).map((a) => a.email)).toEqual(['ada@springfield.edu', 'bob@s.edu']);
  });

  it('a first admin cannot choose a common password either', async () => {
    const app = startApp(tempDir(), newSecrets());
    expect(await clientOf(app, 'w1').call('setup.createOrganization', { ...organization, password: 'iloveyou2024' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'password' }] },
    });
    expect(await clientOf(app, 'w1').call('app.status', {})).toMatchObject({ ok: true, value: { organizationName: null } });
  });

  it('refuses names holding a NUL, a line break or another control character, without an internal error', async () => {
    const { app, root, north } = await district();
    const names = ['\u0000', 'North\u0000', 'Two\nlines', 'Tab\there', 'Esc\u001b[31m', 'C1 \u0085 next line'];
    for (const name of names) {
      const refusals = [
        await root.call('groups.create', { parentId: 1, name, kind: 'school' }),
        await root.call('groups.rename', { groupId: north.id, name }),
        await root.call('users.create', { name, email: null, managedAppleId: null, role: 'student', gradeLevel: null, externalId: null, homeGroupId: north.id }),
        await root.call('admins.create', { name, email: 'named@s.edu', password: PASSWORD, directGroupIds: [north.id] }),
        await root.call('services.create', { groupId: north.id, name }),
        await root.call('devices.create', { serialNumber: 'DMPXK1ABCD12', name, platform: 'iPadOS', osVersion: '17.4', supervised: true, udid: null, homeGroupId: north.id }),
      ];
      for (const refusal of refusals) {
        expect(refusal, JSON.stringify(name)).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION', message: 'name: Use letters, digits, spaces and punctuation only: no line breaks, tabs or other control characters.' },
        });
      }
    }
    expect(await clientOf(app, 'fresh').call('setup.createOrganization', { ...organization, organizationName: '\u0000' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'organizationName: Use letters, digits, spaces and punctuation only: no line breaks, tabs or other control characters.' },
    });
    expect(app.logged).toEqual([]);
    // A name typed with a stray line break at its end is only trimmed.
    expect(await root.ok('groups.create', { parentId: 1, name: 'East High\n', kind: 'school' })).toMatchObject({ name: 'East High' });
  });

  it('property: over random trees, an admin never sees or changes a group outside their direct subtrees', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const random = seededRandom(seed);
      const app = startApp(tempDir(), newSecrets());
      const root = await withOrganization(app);
      const ids = [1];
      for (let i = 0; i < 25; i++) {
        const created = await root.ok('groups.create', { parentId: pick(random, ids), name: `G${i}`, kind: 'other' });
        ids.push(created.id);
      }
      const direct = [pick(random, ids.slice(1)), pick(random, ids.slice(1))];
      await root.ok('admins.create', { name: 'Tess', email: `tess${seed}@s.edu`, password: PASSWORD, directGroupIds: direct });
      const tess = await signedInAs(app, 'tess', `tess${seed}@s.edu`, PASSWORD);

      const all = await root.ok('groups.tree', {});
      const parent = new Map(all.map((g) => [g.id, g.parentId]));
      const reachable = (id: number) => {
        for (let at: number | null | undefined = id; at != null; at = parent.get(at)) if (direct.includes(at)) return true;
        return false;
      };
      const seen = new Set((await tess.ok('groups.tree', {})).map((g) => g.id));
      for (const id of ids) {
        expect(seen.has(id), `seed ${seed}: group ${id} visible`).toBe(reachable(id));
        if (!reachable(id)) {
          const attempt = await tess.call('groups.rename', { groupId: id, name: `taken ${id}` });
          expect(attempt, `seed ${seed}: rename ${id}`).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
          expect(await tess.call('groups.create', { parentId: id, name: 'x', kind: 'other' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        }
      }
      const names = (await root.ok('groups.tree', {})).map((g) => g.name);
      expect(names.filter((n) => n.startsWith('taken'))).toEqual([]);
    }
  });
});
