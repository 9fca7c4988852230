import type Database from 'better-sqlite3';
import type { groupKinds } from '../../preload/contract';
import type { TreeNode } from './group-tree';

export type GroupKind = (typeof groupKinds)[number];

export interface Group {
  id: number;
  parentId: number | null;
  name: string;
  kind: GroupKind;
  externalId: string | null;
}

interface GroupRow {
  id: number;
  parent_id: number | null;
  name: string;
  kind: GroupKind;
  external_id: string | null;
}

const COLUMNS = 'id, parent_id, name, kind, external_id';
const toGroup = (row: GroupRow): Group => ({
  id: row.id,
  parentId: row.parent_id,
  name: row.name,
  kind: row.kind,
  externalId: row.external_id,
});

export interface GroupContents {
  groups: number;
  users: number;
  devices: number;
}

/** SQL for the organization tree. */
export class GroupStore {
  private readonly insertGroup;
  private readonly selectRoot;
  private readonly selectById;
  private readonly selectByExternalId;
  private readonly selectAll;
  private readonly selectSibling;
  private readonly updateName;
  private readonly updateParent;
  private readonly updateImported;
  private readonly deleteGroup;
  private readonly countContents;

  constructor(db: Database.Database) {
    this.insertGroup = db.prepare(
      'INSERT INTO groups (parent_id, name, kind, external_id, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectRoot = db.prepare(`SELECT ${COLUMNS} FROM groups WHERE parent_id IS NULL`);
    this.selectById = db.prepare(`SELECT ${COLUMNS} FROM groups WHERE id = ?`);
    this.selectByExternalId = db.prepare(`SELECT ${COLUMNS} FROM groups WHERE external_id = ?`);
    this.selectAll = db.prepare(`SELECT ${COLUMNS} FROM groups ORDER BY id`);
    this.selectSibling = db.prepare(
      'SELECT id FROM groups WHERE parent_id = ? AND name = ? COLLATE NOCASE AND id IS NOT ?',
    );
    this.updateName = db.prepare('UPDATE groups SET name = ? WHERE id = ?');
    this.updateParent = db.prepare('UPDATE groups SET parent_id = ? WHERE id = ?');
    this.updateImported = db.prepare('UPDATE groups SET name = ?, parent_id = ?, kind = ? WHERE id = ?');
    this.deleteGroup = db.prepare('DELETE FROM groups WHERE id = ?');
    this.countContents = db.prepare(`
      SELECT
        (SELECT count(*) FROM groups WHERE parent_id = @id) AS groups,
        (SELECT count(*) FROM users WHERE home_group_id = @id)
          + (SELECT count(*) FROM group_members WHERE group_id = @id) AS users,
        (SELECT count(*) FROM devices WHERE home_group_id = @id) AS devices
    `);
  }

  create(parentId: number | null, name: string, kind: GroupKind, at: Date, externalId: string | null = null): number {
    return Number(this.insertGroup.run(parentId, name, kind, externalId, at.toISOString()).lastInsertRowid);
  }

  root(): Group | null {
    const row = this.selectRoot.get() as GroupRow | undefined;
    return row ? toGroup(row) : null;
  }

  byId(id: number): Group | null {
    const row = this.selectById.get(id) as GroupRow | undefined;
    return row ? toGroup(row) : null;
  }

  byExternalId(externalId: string): Group | null {
    const row = this.selectByExternalId.get(externalId) as GroupRow | undefined;
    return row ? toGroup(row) : null;
  }

  all(): Group[] {
    return (this.selectAll.all() as GroupRow[]).map(toGroup);
  }

  nodes(): TreeNode[] {
    return this.all();
  }

  /** Another group under the same parent with this name, ignoring case. */
  siblingNamed(parentId: number, name: string, exceptId: number | null): boolean {
    return this.selectSibling.get(parentId, name, exceptId) !== undefined;
  }

  rename(id: number, name: string): void {
    this.updateName.run(name, id);
  }

  move(id: number, parentId: number): void {
    this.updateParent.run(parentId, id);
  }

  updateFromImport(id: number, name: string, parentId: number, kind: GroupKind): void {
    this.updateImported.run(name, parentId, kind, id);
  }

  delete(id: number): void {
    this.deleteGroup.run(id);
  }

  contents(id: number): GroupContents {
    return this.countContents.get({ id }) as GroupContents;
  }
}
