import { describe, expect, it } from 'vitest';
import { GroupTree } from '../../../main/directory/group-tree';
import { mayUseToken } from '../../../main/distribution/token-access-rule';
import { pick, randomTree, seededRandom } from '../../support/seeded-random';

//          1 district
//        /     \
//     2 north   3 south
//      |          |
//     4 algebra  5 biology
const tree = new GroupTree([
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 1 },
  { id: 4, parentId: 2 },
  { id: 5, parentId: 3 },
]);

describe('the token access rule', () => {
  it('a district admin with a token at the organization can use it at any level', () => {
    for (const at of [1, 2, 3, 4, 5]) expect(mayUseToken(tree, [1], 1, at)).toBe(true);
  });

  it("a district admin cannot use a school's token without being its direct admin", () => {
    expect(mayUseToken(tree, [1], 2, 4)).toBe(false);
    expect(mayUseToken(tree, [1, 2], 2, 4)).toBe(true);
  });

  it('a school admin uses their token in their school and below, never in a sibling school or above', () => {
    expect(mayUseToken(tree, [2], 2, 2)).toBe(true);
    expect(mayUseToken(tree, [2], 2, 4)).toBe(true);
    expect(mayUseToken(tree, [2], 2, 3)).toBe(false);
    expect(mayUseToken(tree, [2], 2, 5)).toBe(false);
    expect(mayUseToken(tree, [2], 2, 1)).toBe(false);
  });

  it('an admin of two branches uses each token only on its own branch', () => {
    expect(mayUseToken(tree, [2, 3], 2, 5)).toBe(false);
    expect(mayUseToken(tree, [2, 3], 3, 5)).toBe(true);
    expect(mayUseToken(tree, [2, 3], 3, 4)).toBe(false);
  });

  it('holds over random trees and admin assignments', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const nodes = randomTree(random, 2 + Math.floor(random() * 40));
      const randomTreeInstance = new GroupTree(nodes);
      const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
      const direct = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(random, nodes).id);
      const tokenGroup = pick(random, nodes).id;
      for (const at of nodes.map((n) => n.id)) {
        let onBranchBelow = false;
        for (let g: number | null | undefined = at; g != null; g = parent.get(g)) if (g === tokenGroup) onBranchBelow = true;
        const expected = direct.includes(tokenGroup) && onBranchBelow;
        expect(mayUseToken(randomTreeInstance, direct, tokenGroup, at), `seed ${seed}, token in ${tokenGroup}, at ${at}`).toBe(expected);
      }
    }
  });
});
