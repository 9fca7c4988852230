import { SandboxAppleError } from '../sandbox-apple-error';
import { UserStore } from '../state/user-store';
import type { ApiHandler } from './api-context';
import { pageWindow } from './paging';
import { booleanParam, queryKey, textParam } from './query-params';
import { sinceVersion } from './since-version';

/** GET /users: every user (Retired ones too unless `activeOnly`), or those changed since a `versionId`. */
export const getUsers: ApiHandler = ({ world, location, query }) => {
  const matching = location.queries.rows(queryKey('/users', query), location.versions.currentVersion, () => {
    const since = sinceVersion(location, query);
    const clientUserId = textParam(query, 'clientUserId');
    const activeOnly = booleanParam(query, 'activeOnly') === true;
    const retiredOnly = booleanParam(query, 'retiredOnly') === true;
    if (activeOnly && retiredOnly) throw new SandboxAppleError(400, 9602);
    const rows = location.users.rows;
    const selected = new Int32Array(rows.length);
    let count = 0;
    rows.forEach((user, index) => {
      const keep =
        user.version > since &&
        (clientUserId === undefined || user.clientUserId === clientUserId) &&
        (!activeOnly || UserStore.isActive(user)) &&
        (!retiredOnly || user.status === 'Retired');
      if (keep) selected[count++] = index;
    });
    return selected.slice(0, count);
  });
  const page = pageWindow(matching.length, query, world.settings.pageSize);
  const users = [];
  for (let i = page.start; i < page.end; i++) users.push(UserStore.toApple(location.users.at(matching[i] ?? 0)));
  return { users, ...page.fields, versionId: location.versions.currentId };
};
