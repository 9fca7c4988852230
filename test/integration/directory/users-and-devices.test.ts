import { describe, expect, it } from 'vitest';
import { DeviceStore } from '../../../main/directory/device-store';
import { UserStore } from '../../../main/directory/user-store';
import { signedInAs, withOrganization } from '../../support/directory-app';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startApp = useTestApps();

const student = (name: string, homeGroupId: number, extra: Record<string, unknown> = {}) => ({
  name,
  email: `${name.split(' ')[0]!.toLowerCase().replace(/[^a-z]/g, '')}@s.edu`,
  managedAppleId: null,
  role: 'student' as const,
  gradeLevel: '9',
  externalId: null,
  homeGroupId,
  ...extra,
});

const ipad = (serialNumber: string, homeGroupId: number) => ({
  serialNumber,
  name: `iPad ${serialNumber.slice(-3)}`,
  platform: 'iPadOS' as const,
  osVersion: '17.4',
  supervised: true,
  udid: null,
  homeGroupId,
});

async function school() {
  const app = startApp(tempDir(), newSecrets());
  const root = await withOrganization(app);
  const north = await root.ok('groups.create', { parentId: 1, name: 'North High', kind: 'school' });
  const south = await root.ok('groups.create', { parentId: 1, name: 'South High', kind: 'school' });
  return { app, root, north, south };
}

describe('users', () => {
  it('lists users at or below a group, searched, sorted and windowed by SQLite', async () => {
    const { root, north, south } = await school();
    for (const name of ['Chloé Martin', 'Ana Ruiz', 'Ben Okafor', 'Søren Lund']) await root.ok('users.create', student(name, north.id));
    await root.ok('users.create', student('Dana South', south.id));

    const northList = await root.ok('users.list', { groupId: north.id });
    expect(northList.total).toBe(4);
    expect(northList.rows.map((u) => u.name)).toEqual(['Ana Ruiz', 'Ben Okafor', 'Chloé Martin', 'Søren Lund']);

    const all = await root.ok('users.list', { groupId: 1, sort: 'name', direction: 'desc', offset: 1, limit: 2 });
    expect(all.total).toBe(5);
    expect(all.rows.map((u) => u.name)).toEqual(['Dana South', 'Chloé Martin']);

    expect((await root.ok('users.list', { groupId: 1, search: 'chlo' })).rows.map((u) => u.name)).toEqual(['Chloé Martin']);
    // LIKE wildcards in the search box are taken literally.
    expect((await root.ok('users.list', { groupId: 1, search: '%' })).total).toBe(0);
  });

  it('refuses a duplicate roster id and a home group out of reach', async () => {
    const { app, root, north, south } = await school();
    await root.ok('users.create', student('Ana Ruiz', north.id, { externalId: 'S-1' }));
    expect(await root.call('users.create', student('Ana Two', north.id, { externalId: 'S-1' }))).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Another user already has the roster id "S-1".' },
    });
    await root.ok('admins.create', { name: 'Bob', email: 'bob@s.edu', password: 'school admin pw', directGroupIds: [north.id] });
    const bob = await signedInAs(app, 'bob', 'bob@s.edu', 'school admin pw');
    expect(await bob.call('users.create', student('Eve', south.id))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('devices', () => {
  it('associates a device with a user, then with an admin, then with nobody', async () => {
    const { root, north } = await school();
    const ana = await root.ok('users.create', student('Ana Ruiz', north.id));
    const device = await root.ok('devices.create', ipad('DMPXK1ABC001', north.id));
    expect(device.owner).toBeNull();

    expect((await root.ok('devices.associate', { deviceId: device.id, owner: { kind: 'user', id: ana.id } })).owner).toEqual({ kind: 'user', id: ana.id, name: 'Ana Ruiz' });
    expect((await root.ok('users.list', { groupId: north.id })).rows[0]!.deviceCount).toBe(1);
    expect((await root.ok('devices.associate', { deviceId: device.id, owner: { kind: 'admin', id: 1 } })).owner).toEqual({ kind: 'admin', id: 1, name: 'Ada Admin' });
    expect((await root.ok('devices.associate', { deviceId: device.id, owner: null })).owner).toBeNull();
  });

  it('normalises serial numbers and refuses duplicates, whatever their case', async () => {
    const { root, north } = await school();
    expect((await root.ok('devices.create', ipad('dmpxk1abc001', north.id))).serialNumber).toBe('DMPXK1ABC001');
    expect(await root.call('devices.create', ipad('DMPXK1ABC001', north.id))).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'A device with serial number DMPXK1ABC001 already exists.' },
    });
    expect(await root.call('devices.create', { ...ipad('X', north.id) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'serialNumber: A serial number is 8 to 20 letters and digits.' },
    });
  });

  it('lists devices at or below a group with their owners, sorted by owner', async () => {
    const { root, north, south } = await school();
    const ben = await root.ok('users.create', student('Ben Okafor', north.id));
    const ana = await root.ok('users.create', student('Ana Ruiz', south.id));
    const d1 = await root.ok('devices.create', ipad('DMPXK1ABC001', north.id));
    const d2 = await root.ok('devices.create', ipad('DMPXK1ABC002', south.id));
    await root.ok('devices.associate', { deviceId: d1.id, owner: { kind: 'user', id: ben.id } });
    await root.ok('devices.associate', { deviceId: d2.id, owner: { kind: 'user', id: ana.id } });
    const list = await root.ok('devices.list', { groupId: 1, sort: 'owner' });
    expect(list.rows.map((d) => [d.serialNumber, d.owner?.name, d.homeGroupName])).toEqual([
      ['DMPXK1ABC002', 'Ana Ruiz', 'South High'],
      ['DMPXK1ABC001', 'Ben Okafor', 'North High'],
    ]);
    expect((await root.ok('devices.list', { groupId: north.id, search: 'okafor' })).total).toBe(1);
  });
});

describe('queries later features rely on', () => {
  it('users with devices at or below a group include class members; devices come with their users', async () => {
    const { app, root, north, south } = await school();
    const algebra = await root.ok('groups.create', { parentId: north.id, name: 'Algebra', kind: 'class' });
    const ana = await root.ok('users.create', student('Ana Ruiz', south.id));
    const ben = await root.ok('users.create', student('Ben Okafor', north.id));
    await root.ok('users.create', student('Cy NoDevice', north.id));
    const d1 = await root.ok('devices.create', ipad('DMPXK1ABC001', south.id));
    const d2 = await root.ok('devices.create', ipad('DMPXK1ABC002', north.id));
    await root.ok('devices.associate', { deviceId: d1.id, owner: { kind: 'user', id: ana.id } });
    await root.ok('devices.associate', { deviceId: d2.id, owner: { kind: 'user', id: ben.id } });
    new UserStore(app.db).setMemberships(ana.id, [{ groupId: algebra.id, role: 'student' }]);

    const users = new UserStore(app.db);
    expect(users.withDevicesAtOrBelow(algebra.id).map((u) => u.name)).toEqual(['Ana Ruiz']);
    expect(users.withDevicesAtOrBelow(north.id).map((u) => u.name).sort()).toEqual(['Ana Ruiz', 'Ben Okafor']);
    expect(users.withDevicesAtOrBelow(1)).toHaveLength(2);
    expect(new DeviceStore(app.db).atOrBelow(north.id).map((d) => [d.serialNumber, d.owner?.name])).toEqual([['DMPXK1ABC002', 'Ben Okafor']]);
  });
});
