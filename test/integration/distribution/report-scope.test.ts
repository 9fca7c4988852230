import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ReportSortKeys } from '../../../main/distribution/report/report-sort-keys';
import { mayUseToken } from '../../../main/distribution/token-access-rule';
import { GroupTree } from '../../../main/directory/group-tree';
import type { App } from '../../../main/app';
import type { ChannelInput } from '../../../preload/contract';
import { clientOf, signedInAs, withOrganization } from '../../support/directory-app';
import { appleConfigFor, useSandboxes } from '../../support/sandbox';
import { pick, randomTree, seededRandom } from '../../support/seeded-random';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const startSandbox = useSandboxes();
const startApp = useTestApps();
const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();

const APP = '1000';
const PASSWORD = 'correct horse battery';

interface Person {
  id: number;
  name: string;
  email: string;
  clientUserId: string;
  homeGroupId: number;
  memberOf: number[];
}

interface Device {
  serial: string;
  homeGroupId: number;
  ownerId: number | null;
}

interface Service {
  id: number;
  groupId: number;
  tokenId: number;
  appleUsers: string[];
  holders: { clientUserId: string | null; serial: string | null }[];
}

type Client = ReturnType<typeof clientOf>;

/**
 * A random district: a tree of groups, people with home groups and class memberships, devices
 * kept in groups and owned by people or by nobody, two services with a token each, and a cache
 * that also holds Apple users and serials nobody in the directory matches.
 */
async function randomDistrict(seed: number) {
  const random = seededRandom(seed);
  const sandbox = await startSandbox();
  const app = startApp(tempDir(), newSecrets(), appleConfigFor(sandbox));
  const root = await withOrganization(app);
  const ids = new Map<number, number>([[1, 1]]);
  const nodes = randomTree(random, 9);
  for (const node of nodes.slice(1)) {
    const created = await root.ok('groups.create', { parentId: ids.get(node.parentId!)!, name: `Group ${node.id}`, kind: node.parentId === 1 ? 'school' : 'class' });
    ids.set(node.id, created.id);
  }
  const tree = new GroupTree(nodes.map((n) => ({ id: ids.get(n.id)!, parentId: n.parentId === null ? null : ids.get(n.parentId)! })));
  const groupIds = tree.allIds();

  const serviceGroups = [pick(random, groupIds), pick(random, groupIds.filter((g) => g !== 1))];
  await root.ok('admins.update', { adminId: 1, name: 'Ada Admin', email: 'ada@springfield.edu', directGroupIds: [...new Set([1, ...serviceGroups])] });

  const people: Person[] = [];
  for (let n = 1; n <= 24; n++) {
    const user = await root.ok('users.create', {
      name: `Person ${n}`,
      email: `person${n}@district.edu`,
      managedAppleId: null,
      role: 'student',
      gradeLevel: null,
      externalId: null,
      homeGroupId: pick(random, groupIds),
    });
    const clientUserId = app.db.prepare('SELECT client_user_id FROM users WHERE id = ?').pluck().get(user.id) as string;
    const memberOf = random() < 0.3 ? [pick(random, groupIds)] : [];
    for (const groupId of memberOf) app.db.prepare("INSERT OR IGNORE INTO group_members (group_id, user_id, role) VALUES (?, ?, 'student')").run(groupId, user.id);
    people.push({ id: user.id, name: user.name, email: user.email!, clientUserId, homeGroupId: user.homeGroupId, memberOf });
  }
  const devices: Device[] = [];
  for (let n = 1; n <= 16; n++) {
    const serial = `SERIAL${String(n).padStart(6, '0')}`;
    const created = await root.ok('devices.create', { serialNumber: serial, name: `iPad ${n}`, platform: 'iPadOS', osVersion: '17.4', supervised: true, udid: `UDID-${n}`, homeGroupId: pick(random, groupIds) });
    const owner = random() < 0.6 ? pick(random, people) : null;
    if (owner) await root.ok('devices.associate', { deviceId: created.id, owner: { kind: 'user', id: owner.id } });
    devices.push({ serial, homeGroupId: created.homeGroupId, ownerId: owner?.id ?? null });
  }

  const services: Service[] = [];
  for (const [i, groupId] of serviceGroups.entries()) {
    const service = await root.ok('services.create', { groupId, name: `Service ${i + 1}` });
    const location = sandbox.createLocation({ name: `Location ${i + 1}` });
    const added = await root.ok('tokens.add', { serviceId: service.id, token: sandbox.mintToken(location.id), makeActive: true, checkId: randomUUID() });
    const ghosts = [1, 2, 3].map((k) => `ghost-${i}-${k}`);
    const appleUsers = [...people.filter(() => random() < 0.7).map((p) => p.clientUserId), ...ghosts];
    const holders = [
      ...appleUsers.filter(() => random() < 0.6).map((clientUserId) => ({ clientUserId, serial: null })),
      ...devices.filter(() => random() < 0.6).map((d) => ({ clientUserId: null, serial: d.serial })),
      { clientUserId: null, serial: `GONE${i}0000001` },
    ];
    writeCache(app, service.id, appleUsers, holders, random);
    services.push({ id: service.id, groupId, tokenId: added.token.id, appleUsers, holders });
  }

  const admins: { id: number; client: Client; direct: number[] }[] = [{ id: 1, client: root, direct: [...new Set([1, ...serviceGroups])] }];
  for (let n = 2; n <= 4; n++) {
    const direct = [...new Set([pick(random, groupIds), ...(random() < 0.5 ? [pick(random, groupIds)] : [])])];
    const created = await root.ok('admins.create', { name: `Admin ${n}`, email: `admin${n}@district.edu`, directGroupIds: direct, password: PASSWORD });
    admins.push({ id: created.id, client: await signedInAs(app, `admin-${n}`, `admin${n}@district.edu`, PASSWORD), direct });
  }
  return { app, sandbox, tree, people, devices, services, admins };
}

/** The cache as a sync leaves it: one live generation with an app, Apple users and license holders. */
function writeCache(app: App, serviceId: number, appleUsers: string[], holders: Service['holders'], random: () => number): void {
  const db = app.db;
  db.prepare('INSERT OR REPLACE INTO sync_state (service_id, live_generation, synced_at) VALUES (?, 1, ?)').run(serviceId, new Date().toISOString());
  db.prepare(`INSERT INTO cached_assets (service_id, generation, adam_id, pricing, product_type, total, assigned, available, retired, unlimited, device_assignable, revocable, platforms)
    VALUES (?, 1, ?, 'STDQ', 'App', 100, ?, ?, 0, 0, 1, 1, '["iOS"]')`).run(serviceId, APP, holders.length, 100 - holders.length);
  const user = db.prepare('INSERT INTO cached_apple_users (service_id, generation, client_user_id, email, status) VALUES (?, 1, ?, ?, ?)');
  for (const clientUserId of appleUsers) user.run(serviceId, clientUserId, `${clientUserId}@apple.example`, pick(random, ['Registered', 'Associated', 'Retired']));
  const assignment = db.prepare("INSERT INTO cached_assignments (service_id, generation, adam_id, pricing, client_user_id, serial_number) VALUES (?, 1, ?, 'STDQ', ?, ?)");
  for (const h of holders) assignment.run(serviceId, APP, h.clientUserId, h.serial);
  new ReportSortKeys(db).refresh(serviceId, 1);
}

type District = Awaited<ReturnType<typeof randomDistrict>>;

/** The rule, written out apart from the app: who an admin may see at level G. */
function expectedAt(district: District, direct: number[], groupId: number) {
  const below = new Set(district.tree.subtreeOf(groupId));
  const people = district.people.filter((p) => below.has(p.homeGroupId) || p.memberOf.some((g) => below.has(g)));
  const shownIds = new Set(people.map((p) => p.id));
  const directoryIds = new Set(district.people.map((p) => p.clientUserId));
  const directorySerials = new Set(district.devices.map((d) => d.serial));
  const devices = district.devices.filter((d) => (d.ownerId !== null ? shownIds.has(d.ownerId) : below.has(d.homeGroupId)));
  const reported = district.services.filter((s) => below.has(s.groupId) || district.tree.isAtOrBelow(groupId, s.groupId));
  const unmatched = (s: Service) => direct.includes(s.groupId) && below.has(s.groupId);
  const clientUserIds = (s: Service) => new Set([...people.map((p) => p.clientUserId), ...(unmatched(s) ? s.appleUsers.filter((c) => !directoryIds.has(c)) : [])]);
  const serials = (s: Service) => new Set([...devices.map((d) => d.serial), ...(unmatched(s) ? s.holders.flatMap((h) => (h.serial && !directorySerials.has(h.serial) ? [h.serial] : [])) : [])]);
  return {
    reported,
    clientUserIds,
    serials,
    /** Everything that names a person the admin may see here. */
    names: new Set(people.flatMap((p) => [p.name, p.email])),
    /** Everything that names any directory person, seen or not. */
    anyName: new Set(district.people.flatMap((p) => [p.name, p.email])),
    holder: (s: Service, h: { clientUserId: string | null; serial: string | null }) =>
      h.clientUserId !== null ? clientUserIds(s).has(h.clientUserId) : serials(s).has(h.serial!),
  };
}

async function exported(district: District, client: Client, request: ChannelInput<'report.export'>): Promise<string> {
  const { downloadUrl } = await client.ok('report.export', request);
  const file = district.app.downloads.take(downloadUrl!.split('/').pop()!)!;
  let text = '';
  for await (const chunk of file.open()) text += String(chunk);
  file.remove();
  return text;
}

/** Every person-naming string of a CSV or answer, to check against the names an admin may see. */
const namesIn = (text: string, all: Set<string>) => [...all].filter((name) => new RegExp(`(^|[^\\w])${name.replace(/[.@]/g, '\\$&')}([^\\w]|$)`).test(text));

describe('the license cache at a level shows only the people at or below it that the admin may see', () => {
  it.each([1, 2, 3, 4, 5, 6])('in random district %i, on every channel that reads it', async (seed) => {
    const district = await randomDistrict(seed);
    let checked = 0;
    for (const admin of district.admins) {
      const scope = district.tree;
      const visible = new Set(admin.direct.flatMap((g) => scope.subtreeOf(g)));
      for (const groupId of visible) {
        const expected = expectedAt(district, admin.direct, groupId);
        const client = admin.client;

        const users = await client.ok('report.users', { groupId, limit: 500 });
        const expectedUsers = expected.reported.flatMap((s) => s.appleUsers.filter((c) => expected.clientUserIds(s).has(c)).map((c) => `${s.id}|${c}`));
        expect(users.rows.map((u) => `${u.serviceId}|${u.clientUserId}`).sort(), `users of admin ${admin.id} at group ${groupId}`).toEqual(expectedUsers.sort());
        expect(users.total).toBe(expectedUsers.length);
        for (const sort of ['email', 'licenses', 'status'] as const) {
          const sorted = await client.ok('report.users', { groupId, sort, direction: 'desc', search: 'person1', limit: 500 });
          for (const u of sorted.rows) expect(expected.clientUserIds(expected.reported.find((s) => s.id === u.serviceId)!).has(u.clientUserId)).toBe(true);
        }
        const usersCsv = await exported(district, client, { report: { kind: 'users', query: { groupId } } });
        expect(namesIn(usersCsv, expected.anyName).filter((n) => !expected.names.has(n))).toEqual([]);
        expect(usersCsv.trimEnd().split('\r\n')).toHaveLength(expectedUsers.length + 1);

        for (const service of expected.reported) {
          const held = await client.ok('report.assignments', { groupId, serviceId: service.id, adamId: APP, pricing: 'STDQ', limit: 500 });
          const expectedHolders = service.holders.filter((h) => expected.holder(service, h)).map((h) => h.clientUserId ?? h.serial);
          expect(held.rows.map((r) => r.clientUserId ?? r.serialNumber).sort(), `holders of service ${service.id} for admin ${admin.id} at ${groupId}`).toEqual(expectedHolders.sort());
          expect(held.outside).toBe(service.holders.length - expectedHolders.length);
          for (const row of held.rows) if (row.userName !== null) expect(expected.names.has(row.userName)).toBe(true);
          const heldCsv = await exported(district, client, { report: { kind: 'assignments', query: { groupId, serviceId: service.id, adamId: APP, pricing: 'STDQ' } } });
          expect(namesIn(heldCsv, expected.anyName).filter((n) => !expected.names.has(n))).toEqual([]);
          expect(heldCsv.trimEnd().split('\r\n')).toHaveLength(expectedHolders.length + 1);
        }

        for (const suggestion of await client.ok('licenses.reclaimSuggestions', { groupId })) {
          const service = district.services.find((s) => s.id === suggestion.serviceId)!;
          expect(expected.holder(service, { clientUserId: suggestion.clientUserId, serial: suggestion.serialNumber })).toBe(true);
        }

        for (const service of expected.reported.filter((s) => mayUseToken(scope, admin.direct, s.groupId, groupId))) {
          const invite = await client.ok('invitations.preview', { serviceId: service.id, groupId, audience: 'all', byEmail: true, byDevice: true });
          for (const name of invite.skipped.flatMap((s) => s.sample)) expect(expected.names.has(name)).toBe(true);
          for (const kind of ['device', 'user'] as const) {
            const preview = await client.ok('installs.preview', { groupId, tokenId: service.tokenId, adamId: APP, kind, target: 'group' });
            for (const item of preview.items) if (item.userName !== null) expect(expected.names.has(item.userName), `install preview at ${groupId}`).toBe(true);
          }
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(4);
  }, 120_000);

  it('refuses to take back or retire the licenses of anyone outside the level, in the directory or not, before anything is sent to Apple', async () => {
    const kinds = ['person', 'unmatched user', 'device', 'unmatched serial'] as const;
    const seen = new Set<string>();
    for (let seed = 10; seen.size < kinds.length && seed < 40; seed++) {
      const district = await randomDistrict(seed);
      const root = district.admins[0]!;
      const directoryIds = new Set(district.people.map((p) => p.clientUserId));
      const directorySerials = new Set(district.devices.map((d) => d.serial));
      const kindOf = (h: Service['holders'][number]) =>
        h.clientUserId !== null ? (directoryIds.has(h.clientUserId) ? 'person' : 'unmatched user') : directorySerials.has(h.serial!) ? 'device' : 'unmatched serial';
      // Levels where the service's token may be used, with a holder the level does not show.
      for (const service of district.services) {
        for (const groupId of district.tree.subtreeOf(service.groupId)) {
          const expected = expectedAt(district, root.direct, groupId);
          for (const outsider of service.holders.filter((h) => !expected.holder(service, h) && !seen.has(kindOf(h)))) {
            seen.add(kindOf(outsider));
            const holders = { clientUserIds: outsider.clientUserId ? [outsider.clientUserId] : [], serialNumbers: outsider.serial ? [outsider.serial] : [] };
            const revoke = await root.client.call('licenses.revoke', { groupId, tokenId: service.tokenId, action: 'disassociate', adamId: APP, pricing: 'STDQ', ...holders });
            expect(revoke, `${kindOf(outsider)} at group ${groupId}`).toMatchObject({
              ok: false,
              error: { code: 'FORBIDDEN', message: expect.stringContaining('not at or below this level, so nothing was taken back') },
            });
            if (outsider.clientUserId) {
              const retire = await root.client.call('licenses.retireUsers', { groupId, tokenId: service.tokenId, clientUserIds: [outsider.clientUserId] });
              expect(retire).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
            }
          }
        }
      }
      expect(district.sandbox.recordedRequests().filter((r) => r.method === 'POST' && /^\/(assets|users)\//.test(r.path))).toEqual([]);
      expect((await root.client.ok('audit.list', { action: 'licenses.' })).rows).toEqual([]);
    }
    expect([...seen].sort()).toEqual([...kinds].sort());
  }, 240_000);
});
