import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { GroupNode } from '../store/tree-store';

interface OrganizationTreeProps {
  groups: GroupNode[];
  selectedId: number | null;
  onSelect(id: number): void;
}

interface Row {
  group: GroupNode;
  depth: number;
}

/** Depth-first rows from a parents-first list, children sorted by name. */
function flatten(groups: GroupNode[]): Row[] {
  const children = new Map<number | null, GroupNode[]>();
  const ids = new Set(groups.map((g) => g.id));
  for (const group of groups) {
    // A group whose parent the admin cannot see is shown as a top-level entry.
    const parent = group.parentId !== null && ids.has(group.parentId) ? group.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), group]);
  }
  const rows: Row[] = [];
  const visit = (parent: number | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const group of list) {
      rows.push({ group, depth });
      visit(group.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

/** The organization tree as a keyboard-usable tree view (arrows, Home, End). */
export function OrganizationTree({ groups, selectedId, onSelect }: OrganizationTreeProps) {
  const rows = useMemo(() => flatten(groups), [groups]);
  const list = useRef<HTMLUListElement>(null);

  function move(event: KeyboardEvent, index: number) {
    const targets: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
    const target = targets[event.key];
    if (target === undefined || target < 0 || target >= rows.length) return;
    event.preventDefault();
    onSelect(rows[target]!.group.id);
    list.current?.querySelectorAll<HTMLElement>('[role="treeitem"]')[target]?.focus();
  }

  return (
    <ul className="tree" role="tree" aria-label="Organization" ref={list}>
      {rows.map(({ group, depth }, index) => {
        const selected = group.id === selectedId;
        return (
          <li
            key={group.id}
            role="treeitem"
            aria-selected={selected}
            aria-level={depth + 1}
            tabIndex={selected || (selectedId === null && index === 0) ? 0 : -1}
            className={selected ? 'tree-item selected' : 'tree-item'}
            data-depth={Math.min(depth, 8)}
            onClick={() => onSelect(group.id)}
            onKeyDown={(event) => move(event, index)}
          >
            <span className="tree-name">{group.name}</span>
            <span className="tree-kind">{group.kind}</span>
          </li>
        );
      })}
    </ul>
  );
}
