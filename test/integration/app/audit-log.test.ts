import { describe, expect, it } from 'vitest';
import { signedInAs, withOrganization } from '../../support/directory-app';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startApp = useTestApps();

describe('the audit log', () => {
  it('an organization admin filters by admin; a school admin reads only their own entries', async () => {
    const app = startApp(tempDir(), newSecrets());
    const root = await withOrganization(app);
    const school = await root.ok('groups.create', { parentId: 1, name: 'North High', kind: 'school' });
    const bob = await root.ok('admins.create', { name: 'Bob', email: 'bob@s.edu', password: 'school admin pw', directGroupIds: [school.id] });
    const asBob = await signedInAs(app, 'bob', 'bob@s.edu', 'school admin pw');
    await asBob.ok('groups.create', { parentId: school.id, name: 'Algebra', kind: 'class' });

    const onlyBob = await root.ok('audit.list', { adminId: bob.id });
    expect(onlyBob.scope).toBe('all');
    expect(onlyBob.rows.map((r) => r.action)).toEqual(['group.create', 'auth.signIn']);
    expect(onlyBob.rows.every((r) => r.adminName === 'Bob')).toBe(true);
    expect((await root.ok('audit.list', {})).rows.some((r) => r.adminName === 'Ada Admin')).toBe(true);

    const bobsView = await asBob.ok('audit.list', { adminId: 1 });
    expect(bobsView.scope).toBe('own');
    expect(bobsView.rows.every((r) => r.adminId === bob.id)).toBe(true);
  });
});
