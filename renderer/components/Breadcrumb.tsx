import type { GroupNode } from '../store/tree-store';

interface BreadcrumbProps {
  path: GroupNode[];
  onSelect(id: number): void;
}

export function Breadcrumb({ path, onSelect }: BreadcrumbProps) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        {path.map((group, index) => (
          <li key={group.id}>
            {index === path.length - 1 ? (
              <span aria-current="page">{group.name}</span>
            ) : (
              <button type="button" className="link" onClick={() => onSelect(group.id)}>
                {group.name}
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
