import { randomUUID } from 'node:crypto';
import type { AppleSandbox } from '../../main/apple/sandbox/apple-sandbox';
import type { App } from '../../main/app';
import { signedInAs, withOrganization } from './directory-app';

const PASSWORD = 'correct horse battery';

/**
 * One organization with two districts side by side, each with its own admin, and a service
 * of District A holding a sandbox token: the careless second admin's world.
 *
 * Clients: "root" (the organization's admin), "alice" (District A), "bob" (District B),
 * "carol" (a school of District A, below the service).
 */
export async function startTwoDistricts(app: App, sandbox: AppleSandbox) {
  const root = await withOrganization(app);
  const districtA = await root.ok('groups.create', { parentId: 1, name: 'District A', kind: 'district' });
  const districtB = await root.ok('groups.create', { parentId: 1, name: 'District B', kind: 'district' });
  const schoolA = await root.ok('groups.create', { parentId: districtA.id, name: 'A High', kind: 'school' });
  const admin = async (clientId: string, name: string, groupId: number) => {
    const email = `${clientId}@district.example`;
    const row = await root.ok('admins.create', { name, email, directGroupIds: [groupId], password: PASSWORD });
    return { id: row.id, ...(await signedInAs(app, clientId, email, PASSWORD)) };
  };
  const alice = await admin('alice', 'Alice Adams', districtA.id);
  const bob = await admin('bob', 'Bob Brown', districtB.id);
  const carol = await admin('carol', 'Carol Clark', schoolA.id);

  const location = sandbox.createLocation({ name: 'District A Location', orgName: 'District A' });
  sandbox.generate(location.id, { seed: 16, apps: 4, users: 20, assignments: 40 });
  const service = await alice.ok('services.create', { groupId: districtA.id, name: 'District A apps' });
  await alice.ok('tokens.add', { serviceId: service.id, token: sandbox.mintToken(location.id), makeActive: true, checkId: randomUUID() });
  return { root, alice, bob, carol, districtA, districtB, schoolA, service };
}
