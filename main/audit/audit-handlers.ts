import type { ScopeReader } from '../directory/admin-scope';
import type { HandlerTable } from '../ipc/handler-types';
import type { AuditLog } from './audit-log';
import { isOrganizationAdmin } from '../directory/organization-admin';

/**
 * The Audit page. Direct admins of the organization read every entry; other admins read
 * their own, since an entry's target may lie outside their part of the tree.
 */
export function auditHandlers(audit: AuditLog, scopes: ScopeReader): Pick<HandlerTable, 'audit.list'> {
  return {
    'audit.list': (filter, { admin }) => {
      const scope = scopes.of(admin.id);
      const seesAll = isOrganizationAdmin(scope);
      const result = audit.query({ ...filter, adminId: seesAll ? filter.adminId : admin.id });
      return { ...result, scope: seesAll ? 'all' : 'own' };
    },
  };
}
