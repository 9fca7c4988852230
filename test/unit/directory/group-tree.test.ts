import { describe, expect, it } from 'vitest';
import { canManageGroup, GroupTree, moveWouldCreateCycle, visibleGroupIds } from '../../../main/directory/group-tree';
import { pick, randomTree, seededRandom } from '../../support/seeded-random';

/** Reference answer by brute force: walk parent links. */
function naiveAncestors(nodes: { id: number; parentId: number | null }[], id: number): number[] {
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
  const out: number[] = [];
  for (let at: number | null | undefined = id; at != null; at = parent.get(at)) out.push(at);
  return out;
}

describe('the organization tree', () => {
  const tree = new GroupTree([
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 1 },
    { id: 4, parentId: 2 },
    { id: 5, parentId: 4 },
  ]);

  it('walks up to the root and down through subtrees', () => {
    expect(tree.ancestorsOf(5)).toEqual([5, 4, 2, 1]);
    expect(tree.subtreeOf(2).sort()).toEqual([2, 4, 5]);
    expect(tree.subtreeOf(99)).toEqual([]);
    expect(tree.isAtOrBelow(5, 2)).toBe(true);
    expect(tree.isAtOrBelow(3, 2)).toBe(false);
  });

  it('refuses a move under the group itself or its descendants, allows it elsewhere', () => {
    expect(moveWouldCreateCycle(tree, 2, 2)).toBe(true);
    expect(moveWouldCreateCycle(tree, 2, 5)).toBe(true);
    expect(moveWouldCreateCycle(tree, 2, 3)).toBe(false);
    expect(moveWouldCreateCycle(tree, 5, 1)).toBe(false);
  });

  it('an admin manages exactly the subtrees of their direct groups (random trees)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const nodes = randomTree(random, 2 + Math.floor(random() * 40));
      const tree = new GroupTree(nodes);
      const direct = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, nodes).id);
      const visible = visibleGroupIds(tree, direct);
      for (const node of nodes) {
        const expected = naiveAncestors(nodes, node.id).some((a) => direct.includes(a));
        expect(canManageGroup(tree, direct, node.id), `seed ${seed} group ${node.id}`).toBe(expected);
        expect(visible.has(node.id), `seed ${seed} group ${node.id}`).toBe(expected);
      }
    }
  });

  it('never lets a move create a cycle (random trees)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const nodes = randomTree(random, 2 + Math.floor(random() * 30));
      const tree = new GroupTree(nodes);
      const group = pick(random, nodes.slice(1)).id;
      const target = pick(random, nodes).id;
      const refused = moveWouldCreateCycle(tree, group, target);
      expect(refused).toBe(naiveAncestors(nodes, target).includes(group));
      if (!refused) {
        const moved = new GroupTree(nodes.map((n) => (n.id === group ? { ...n, parentId: target } : n)));
        for (const n of nodes) expect(moved.ancestorsOf(n.id).at(-1), `seed ${seed}`).toBe(1);
      }
    }
  });
});
