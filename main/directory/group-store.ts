import type Database from 'better-sqlite3';
import type { groupKinds } from '../../preload/contract';

export type GroupKind = (typeof groupKinds)[number];

export interface Group {
  id: number;
  parentId: number | null;
  name: string;
  kind: GroupKind;
}

interface GroupRow {
  id: number;
  parent_id: number | null;
  name: string;
  kind: GroupKind;
}

const toGroup = (row: GroupRow): Group => ({ id: row.id, parentId: row.parent_id, name: row.name, kind: row.kind });

/** SQL for the organization tree. */
export class GroupStore {
  private readonly insertGroup;
  private readonly selectRoot;
  private readonly selectVisible;

  constructor(db: Database.Database) {
    this.insertGroup = db.prepare('INSERT INTO groups (parent_id, name, kind, created_at) VALUES (?, ?, ?, ?)');
    this.selectRoot = db.prepare('SELECT id, parent_id, name, kind FROM groups WHERE parent_id IS NULL');
    // Breadth-first from the admin's direct groups, so parents always come before children.
    this.selectVisible = db.prepare(`
      WITH RECURSIVE visible(id, depth) AS (
        SELECT group_id, 0 FROM admin_direct_groups WHERE admin_id = ?
        UNION
        SELECT g.id, v.depth + 1 FROM groups g JOIN visible v ON g.parent_id = v.id
      )
      SELECT g.id, g.parent_id, g.name, g.kind
      FROM groups g JOIN (SELECT id, min(depth) AS depth FROM visible GROUP BY id) v ON v.id = g.id
      ORDER BY v.depth, g.name COLLATE NOCASE, g.id
    `);
  }

  create(parentId: number | null, name: string, kind: GroupKind, at: Date): number {
    return Number(this.insertGroup.run(parentId, name, kind, at.toISOString()).lastInsertRowid);
  }

  root(): Group | null {
    const row = this.selectRoot.get() as GroupRow | undefined;
    return row ? toGroup(row) : null;
  }

  /** The subtrees of the groups this admin directly administers. */
  visibleTo(adminId: number): Group[] {
    return (this.selectVisible.all(adminId) as GroupRow[]).map(toGroup);
  }
}
