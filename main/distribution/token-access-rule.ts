import type { GroupTree } from '../directory/group-tree';

/**
 * May this admin use a token kept in `tokenGroupId` at `atGroupId`?
 *
 * The seed's rule ("How App Assignments and Tokens Work"): each admin puts a token in a group
 * they directly administer, and may use it there and anywhere below it on the same branch.
 * Administering the group only through an ancestor is not enough: that would let a district
 * admin spend a school's token without being made its direct admin. Every handler that uses
 * a token asks this one function.
 */
export function mayUseToken(tree: GroupTree, directGroupIds: readonly number[], tokenGroupId: number, atGroupId: number): boolean {
  return directGroupIds.includes(tokenGroupId) && tree.isAtOrBelow(atGroupId, tokenGroupId);
}
