/**
 * SQL pieces shared by the directory's list queries.
 *
 * `subtree` is a CTE of a group and every group below it (parameter `@groupId`); the users in
 * scope are those whose home group or class membership is in it.
 */
export const SUBTREE_CTE = `
  subtree(id) AS (
    SELECT @groupId
    UNION ALL
    SELECT g.id FROM groups g JOIN subtree s ON g.parent_id = s.id
  )`;

export const USERS_IN_SUBTREE_CTE = `
  scoped_users(id) AS (
    SELECT u.id FROM users u WHERE u.home_group_id IN (SELECT id FROM subtree)
    UNION
    SELECT m.user_id FROM group_members m WHERE m.group_id IN (SELECT id FROM subtree)
  )`;

/** A LIKE pattern that matches `text` anywhere, with `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
