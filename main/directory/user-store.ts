import type Database from 'better-sqlite3';
import { containsPattern, SUBTREE_CTE, USERS_IN_SUBTREE_CTE } from './subtree-sql';

export type UserRole = 'student' | 'staff';

export interface UserRecord {
  id: number;
  name: string;
  email: string | null;
  managedAppleId: string | null;
  role: UserRole;
  gradeLevel: string | null;
  externalId: string | null;
  homeGroupId: number;
  homeGroupName: string;
  deviceCount: number;
}

export type UserFields = Omit<UserRecord, 'id' | 'homeGroupName' | 'deviceCount'>;

export interface Membership {
  groupId: number;
  role: 'student' | 'instructor' | 'member';
}

export type UserSort = 'name' | 'email' | 'role' | 'group' | 'devices';

export interface ListWindow<S extends string> {
  groupId: number;
  search: string;
  sort: S;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const SORT_COLUMNS: Record<UserSort, string> = {
  name: 'u.name COLLATE NOCASE',
  email: 'u.email COLLATE NOCASE',
  role: 'u.role',
  group: 'hg.name COLLATE NOCASE',
  devices: 'device_count',
};

const SELECT_USER = `
  u.id, u.name, u.email, u.managed_apple_id AS managedAppleId, u.role, u.grade_level AS gradeLevel,
  u.external_id AS externalId, u.home_group_id AS homeGroupId, hg.name AS homeGroupName,
  (SELECT count(*) FROM devices d WHERE d.user_id = u.id) AS device_count`;

const SEARCH = `(@search = '' OR u.name LIKE @pattern ESCAPE '\\' OR u.email LIKE @pattern ESCAPE '\\'
  OR u.external_id LIKE @pattern ESCAPE '\\' OR u.managed_apple_id LIKE @pattern ESCAPE '\\')`;

type UserRow = Omit<UserRecord, 'deviceCount'> & { device_count: number };
const toUser = ({ device_count, ...row }: UserRow): UserRecord => ({ ...row, deviceCount: device_count });

/** SQL for users (students and staff) and their class memberships. */
export class UserStore {
  private readonly insertUser;
  private readonly updateUser;
  private readonly deleteUser;
  private readonly selectById;
  private readonly selectIdByExternalId;
  private readonly countInSubtree;
  private readonly listStatements = new Map<string, Database.Statement>();
  private readonly selectWithDevices;
  private readonly insertMembership;
  private readonly deleteMemberships;
  private readonly selectMemberships;

  constructor(private readonly db: Database.Database) {
    this.insertUser = db.prepare(`
      INSERT INTO users (name, email, managed_apple_id, role, grade_level, external_id, home_group_id, client_user_id, created_at, updated_at)
      VALUES (@name, @email, @managedAppleId, @role, @gradeLevel, @externalId, @homeGroupId, lower(hex(randomblob(16))), @at, @at)`);
    this.updateUser = db.prepare(`
      UPDATE users SET name = @name, email = @email, managed_apple_id = @managedAppleId, role = @role,
        grade_level = @gradeLevel, external_id = @externalId, home_group_id = @homeGroupId, updated_at = @at
      WHERE id = @id`);
    this.deleteUser = db.prepare('DELETE FROM users WHERE id = ?');
    this.selectById = db.prepare(`SELECT ${SELECT_USER} FROM users u JOIN groups hg ON hg.id = u.home_group_id WHERE u.id = ?`);
    this.selectIdByExternalId = db.prepare('SELECT id FROM users WHERE external_id = ?');
    this.countInSubtree = db.prepare(`
      WITH RECURSIVE ${SUBTREE_CTE}, ${USERS_IN_SUBTREE_CTE}
      SELECT count(*) AS total FROM users u JOIN scoped_users s ON s.id = u.id WHERE ${SEARCH}`);
    this.selectWithDevices = db.prepare(`
      WITH RECURSIVE ${SUBTREE_CTE}, ${USERS_IN_SUBTREE_CTE}
      SELECT ${SELECT_USER} FROM users u JOIN scoped_users s ON s.id = u.id JOIN groups hg ON hg.id = u.home_group_id
      WHERE EXISTS (SELECT 1 FROM devices d WHERE d.user_id = u.id)
      ORDER BY u.id`);
    this.insertMembership = db.prepare('INSERT OR REPLACE INTO group_members (group_id, user_id, role) VALUES (?, ?, ?)');
    this.deleteMemberships = db.prepare('DELETE FROM group_members WHERE user_id = ?');
    this.selectMemberships = db.prepare('SELECT group_id AS groupId, role FROM group_members WHERE user_id = ? ORDER BY group_id');
  }

  create(fields: UserFields, at: Date): number {
    return Number(this.insertUser.run({ ...fields, at: at.toISOString() }).lastInsertRowid);
  }

  update(id: number, fields: UserFields, at: Date): void {
    this.updateUser.run({ ...fields, id, at: at.toISOString() });
  }

  delete(id: number): void {
    this.deleteUser.run(id);
  }

  byId(id: number): UserRecord | null {
    const row = this.selectById.get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  idByExternalId(externalId: string): number | null {
    return (this.selectIdByExternalId.get(externalId) as { id: number } | undefined)?.id ?? null;
  }

  /** One window of the users at or below a group, sorted and searched by SQLite. */
  list(window: ListWindow<UserSort>): { total: number; rows: UserRecord[] } {
    const params = { groupId: window.groupId, search: window.search, pattern: containsPattern(window.search) };
    const { total } = this.countInSubtree.get(params) as { total: number };
    const rows = this.listStatement(window.sort, window.direction).all({ ...params, limit: window.limit, offset: window.offset }) as UserRow[];
    return { total, rows: rows.map(toUser) };
  }

  /** Users at or below a group who have at least one device: who Invite Users reaches. */
  withDevicesAtOrBelow(groupId: number): UserRecord[] {
    return (this.selectWithDevices.all({ groupId }) as UserRow[]).map(toUser);
  }

  setMemberships(userId: number, memberships: readonly Membership[]): void {
    this.deleteMemberships.run(userId);
    for (const m of memberships) this.insertMembership.run(m.groupId, userId, m.role);
  }

  membershipsOf(userId: number): Membership[] {
    return this.selectMemberships.all(userId) as Membership[];
  }

  private listStatement(sort: UserSort, direction: 'asc' | 'desc'): Database.Statement {
    const key = `${sort}:${direction}`;
    let statement = this.listStatements.get(key);
    if (!statement) {
      const dir = direction === 'desc' ? 'DESC' : 'ASC';
      statement = this.db.prepare(`
        WITH RECURSIVE ${SUBTREE_CTE}, ${USERS_IN_SUBTREE_CTE}
        SELECT ${SELECT_USER} FROM users u JOIN scoped_users s ON s.id = u.id JOIN groups hg ON hg.id = u.home_group_id
        WHERE ${SEARCH}
        ORDER BY ${SORT_COLUMNS[sort]} ${dir}, u.id ${dir}
        LIMIT @limit OFFSET @offset`);
      this.listStatements.set(key, statement);
    }
    return statement;
  }
}
