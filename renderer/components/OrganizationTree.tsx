import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { GroupNode } from '../store/tree-store';

interface OrganizationTreeProps {
  groups: GroupNode[];
  selectedId: number | null;
  onSelect(id: number): void;
}

interface Row {
  group: GroupNode;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

function childrenByParent(groups: GroupNode[]): Map<number | null, GroupNode[]> {
  const ids = new Set(groups.map((g) => g.id));
  const children = new Map<number | null, GroupNode[]>();
  for (const group of groups) {
    // A group whose parent the admin cannot see is shown as a top-level entry.
    const parent = group.parentId !== null && ids.has(group.parentId) ? group.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), group]);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return children;
}

/** Depth-first rows of the expanded part of the tree. */
function visibleRows(children: Map<number | null, GroupNode[]>, expanded: ReadonlySet<number>): Row[] {
  const rows: Row[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const group of children.get(parent) ?? []) {
      const hasChildren = (children.get(group.id)?.length ?? 0) > 0;
      const open = hasChildren && expanded.has(group.id);
      rows.push({ group, depth, hasChildren, expanded: open });
      if (open) visit(group.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

/**
 * The organization tree as a WAI-ARIA tree view: Up/Down move, Right opens or enters a
 * group, Left closes it or goes to its parent, Home/End jump.
 */
export function OrganizationTree({ groups, selectedId, onSelect }: OrganizationTreeProps) {
  const children = useMemo(() => childrenByParent(groups), [groups]);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const list = useRef<HTMLUListElement>(null);
  const seenTopLevel = useRef(new Set<number>());

  // Top-level groups open the first time they appear; after that the admin decides.
  useEffect(() => {
    const fresh = (children.get(null) ?? []).map((g) => g.id).filter((id) => !seenTopLevel.current.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) seenTopLevel.current.add(id);
    setExpanded((current) => new Set([...current, ...fresh]));
  }, [children]);
  const rows = useMemo(() => visibleRows(children, expanded), [children, expanded]);

  // The path to the selected group is always open, so the selection is never hidden.
  useEffect(() => {
    const parentOf = new Map(groups.map((g) => [g.id, g.parentId]));
    const path: number[] = [];
    for (let at = selectedId === null ? null : parentOf.get(selectedId) ?? null; at !== null; at = parentOf.get(at) ?? null) path.push(at);
    if (path.some((id) => !expanded.has(id))) setExpanded((current) => new Set([...current, ...path]));
  }, [selectedId, groups, expanded]);

  function toggle(id: number, open: boolean) {
    setExpanded((current) => {
      const next = new Set(current);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function focusRow(index: number) {
    onSelect(rows[index]!.group.id);
    requestAnimationFrame(() => list.current?.querySelectorAll<HTMLElement>('[role="treeitem"]')[index]?.focus());
  }

  function onKeyDown(event: KeyboardEvent, index: number) {
    const row = rows[index]!;
    const moves: Record<string, () => void> = {
      ArrowDown: () => index + 1 < rows.length && focusRow(index + 1),
      ArrowUp: () => index > 0 && focusRow(index - 1),
      Home: () => focusRow(0),
      End: () => focusRow(rows.length - 1),
      ArrowRight: () => {
        if (row.hasChildren && !row.expanded) toggle(row.group.id, true);
        else if (row.expanded) focusRow(index + 1);
      },
      ArrowLeft: () => {
        if (row.expanded) toggle(row.group.id, false);
        else {
          const parent = rows.findIndex((r) => r.group.id === row.group.parentId);
          if (parent >= 0) focusRow(parent);
        }
      },
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  }

  return (
    <ul className="tree" role="tree" aria-label="Organization" ref={list}>
      {rows.map(({ group, depth, hasChildren, expanded: open }, index) => {
        const selected = group.id === selectedId;
        return (
          <li
            key={group.id}
            role="treeitem"
            aria-selected={selected}
            aria-level={depth + 1}
            aria-expanded={hasChildren ? open : undefined}
            tabIndex={selected || (selectedId === null && index === 0) ? 0 : -1}
            className={selected ? 'tree-item selected' : 'tree-item'}
            data-depth={Math.min(depth, 8)}
            onClick={() => onSelect(group.id)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            <span
              className={hasChildren ? 'tree-twisty' : 'tree-twisty empty'}
              aria-hidden="true"
              onClick={(event) => {
                if (!hasChildren) return;
                event.stopPropagation();
                toggle(group.id, !open);
              }}
            >
              {hasChildren ? (open ? '▾' : '▸') : ''}
            </span>
            <span className="tree-name">{group.name}</span>
            <span className="tree-kind">{group.kind}</span>
          </li>
        );
      })}
    </ul>
  );
}
