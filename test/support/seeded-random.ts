/** A small deterministic PRNG (mulberry32) so property tests replay the same cases. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A random tree of `size` nodes: node 1 is the root, each later node hangs under an earlier one. */
export function randomTree(random: () => number, size: number): { id: number; parentId: number | null }[] {
  const nodes = [{ id: 1, parentId: null as number | null }];
  for (let id = 2; id <= size; id++) nodes.push({ id, parentId: 1 + Math.floor(random() * (id - 1)) });
  return nodes;
}
