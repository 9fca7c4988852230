import type { GroupNode } from '../../store/tree-store';

export const kindLabels: Record<GroupNode['kind'], string> = {
  organization: 'Organization',
  district: 'District',
  school: 'School',
  class: 'Class',
  other: 'Group',
};

export const creatableKinds = [
  { value: 'school', label: 'School' },
  { value: 'class', label: 'Class' },
  { value: 'district', label: 'District' },
  { value: 'other', label: 'Other group' },
] as const;

/** Indented names for a select: the tree, flattened depth-first. */
export function groupOptions(groups: readonly GroupNode[], exclude: ReadonlySet<number> = new Set()) {
  const children = new Map<number | null, GroupNode[]>();
  const ids = new Set(groups.map((g) => g.id));
  for (const g of groups) {
    const parent = g.parentId !== null && ids.has(g.parentId) ? g.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), g]);
  }
  const out: { value: number; label: string }[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const g of [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      if (exclude.has(g.id)) continue;
      out.push({ value: g.id, label: `${'\u00a0\u00a0\u00a0'.repeat(depth)}${g.name}` });
      visit(g.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** A group and everything below it, from the visible tree. */
export function subtreeIds(groups: readonly GroupNode[], id: number): Set<number> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const g of groups) {
      if (g.parentId !== null && out.has(g.parentId) && !out.has(g.id)) {
        out.add(g.id);
        grew = true;
      }
    }
  }
  return out;
}
