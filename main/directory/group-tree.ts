/**
 * The organization tree in memory, for the rules that walk it.
 *
 * Groups number in the thousands at most, so the access rule and cycle checks run on this
 * rather than on recursive SQL for every call.
 */
export interface TreeNode {
  id: number;
  parentId: number | null;
}

export class GroupTree {
  private readonly parent = new Map<number, number | null>();
  private readonly children = new Map<number, number[]>();

  constructor(nodes: readonly TreeNode[]) {
    for (const node of nodes) {
      this.parent.set(node.id, node.parentId);
      if (node.parentId !== null) {
        const list = this.children.get(node.parentId);
        if (list) list.push(node.id);
        else this.children.set(node.parentId, [node.id]);
      }
    }
  }

  allIds(): number[] {
    return [...this.parent.keys()];
  }

  has(id: number): boolean {
    return this.parent.has(id);
  }

  /** The group and every group above it, nearest first. */
  ancestorsOf(id: number): number[] {
    const path: number[] = [];
    const seen = new Set<number>();
    for (let at: number | null | undefined = id; at !== null && at !== undefined && !seen.has(at); at = this.parent.get(at)) {
      if (!this.parent.has(at)) break;
      seen.add(at);
      path.push(at);
    }
    return path;
  }

  /** True when `id` is `top` or lies below it. */
  isAtOrBelow(id: number, top: number): boolean {
    return this.ancestorsOf(id).includes(top);
  }

  /** The group and everything below it. */
  subtreeOf(id: number): number[] {
    if (!this.parent.has(id)) return [];
    const out: number[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop()!;
      out.push(next);
      stack.push(...(this.children.get(next) ?? []));
    }
    return out;
  }

  childrenOf(id: number): number[] {
    return this.children.get(id) ?? [];
  }
}

/** An admin sees and manages the subtrees of the groups they directly administer; nothing else. */
export function canManageGroup(tree: GroupTree, directGroupIds: readonly number[], groupId: number): boolean {
  return tree.ancestorsOf(groupId).some((id) => directGroupIds.includes(id));
}

export function visibleGroupIds(tree: GroupTree, directGroupIds: readonly number[]): Set<number> {
  const visible = new Set<number>();
  for (const direct of directGroupIds) for (const id of tree.subtreeOf(direct)) visible.add(id);
  return visible;
}

/** Moving a group under itself or one of its descendants would cut it off from the root. */
export function moveWouldCreateCycle(tree: GroupTree, groupId: number, newParentId: number): boolean {
  return tree.isAtOrBelow(newParentId, groupId);
}
