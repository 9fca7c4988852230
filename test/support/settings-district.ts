import { afterEach } from 'vitest';
import { AuditLog } from '../../main/audit/audit-log';
import type { SignedInAdmin } from '../../main/auth/signed-in-admin';
import { systemClock } from '../../main/clock/clock';
import { ScopeReader } from '../../main/directory/admin-scope';
import { AdminStore } from '../../main/directory/admin-store';
import { GroupStore } from '../../main/directory/group-store';
import { withOrganization } from './directory-app';
import { organization, useTestApps } from './start-test-app';
import { useTempDirs } from './temp-dir';
import { useTestSecretStore } from './test-secret-store';

/**
 * A district for the Settings capabilities: the organization with its root admin, a school
 * with its own admin (not an organization admin), the real keychain and SQLite file, and the
 * ports mail and MDM are built from.
 *
 * Call at module level (it registers cleanup); `onCleanup` runs before the app closes.
 */
export function useSettingsDistricts() {
  const tempDir = useTempDirs();
  const newSecrets = useTestSecretStore();
  const startApp = useTestApps();
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  return async () => {
    const dataDir = tempDir();
    const secrets = newSecrets();
    const app = startApp(dataDir, secrets);
    const root = await withOrganization(app);
    const school = await root.ok('groups.create', { parentId: 1, name: 'North High', kind: 'school' });
    const schoolAdminRow = await root.ok('admins.create', {
      name: 'Sam Schoolton',
      email: 'sam@springfield.edu',
      directGroupIds: [school.id],
      password: 'school admin password',
    });
    const groups = new GroupStore(app.db);
    const rootAdmin: SignedInAdmin = { id: 1, name: organization.adminName, email: organization.email };
    const schoolAdmin: SignedInAdmin = { id: schoolAdminRow.id, name: schoolAdminRow.name, email: schoolAdminRow.email };
    return {
      app,
      dataDir,
      secrets,
      school,
      rootAdmin,
      schoolAdmin,
      /** Client ids for settingsDispatch: "root" is an organization admin, "school" is not. */
      sessions: { root: rootAdmin, school: schoolAdmin },
      ports: { db: app.db, secrets, scopes: new ScopeReader(groups, new AdminStore(app.db)), audit: new AuditLog(app.db, systemClock), clock: systemClock, groups },
      onCleanup: (cleanup: () => void | Promise<void>) => cleanups.push(cleanup),
    };
  };
}
