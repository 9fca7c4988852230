import type Database from 'better-sqlite3';

export interface AdminRecord {
  id: number;
  name: string;
  email: string;
  passwordHash: string;
  disabled: boolean;
}

export interface AdminWithGroups {
  id: number;
  name: string;
  email: string;
  disabled: boolean;
  directGroups: { id: number; name: string }[];
}

interface AdminRow {
  id: number;
  name: string;
  email: string;
  password_hash: string;
  disabled: 0 | 1;
}

const toAdmin = (row: AdminRow): AdminRecord => ({
  id: row.id,
  name: row.name,
  email: row.email,
  passwordHash: row.password_hash,
  disabled: row.disabled === 1,
});

/** SQL for admins and the groups they directly administer. */
export class AdminStore {
  private readonly insertAdmin;
  private readonly insertDirectGroup;
  private readonly deleteDirectGroups;
  private readonly selectById;
  private readonly selectByEmail;
  private readonly selectDirectGroupIds;
  private readonly selectAllWithGroups;
  private readonly updateProfile;
  private readonly updateDisabled;
  private readonly updatePassword;
  private readonly selectActiveDirectAdmins;

  constructor(private readonly db: Database.Database) {
    this.insertAdmin = db.prepare('INSERT INTO admins (name, email, password_hash, created_at) VALUES (?, ?, ?, ?)');
    this.insertDirectGroup = db.prepare('INSERT OR IGNORE INTO admin_direct_groups (admin_id, group_id) VALUES (?, ?)');
    this.deleteDirectGroups = db.prepare('DELETE FROM admin_direct_groups WHERE admin_id = ?');
    this.selectById = db.prepare('SELECT id, name, email, password_hash, disabled FROM admins WHERE id = ?');
    this.selectByEmail = db.prepare('SELECT id, name, email, password_hash, disabled FROM admins WHERE email = ?');
    this.selectDirectGroupIds = db.prepare('SELECT group_id FROM admin_direct_groups WHERE admin_id = ? ORDER BY group_id');
    this.selectAllWithGroups = db.prepare(`
      SELECT a.id, a.name, a.email, a.disabled,
             json_group_array(json_object('id', g.id, 'name', g.name)) FILTER (WHERE g.id IS NOT NULL) AS groups
      FROM admins a
      LEFT JOIN admin_direct_groups d ON d.admin_id = a.id
      LEFT JOIN groups g ON g.id = d.group_id
      GROUP BY a.id
      ORDER BY a.name COLLATE NOCASE, a.id
    `);
    this.updateProfile = db.prepare('UPDATE admins SET name = ?, email = ? WHERE id = ?');
    this.updateDisabled = db.prepare('UPDATE admins SET disabled = ? WHERE id = ?');
    this.updatePassword = db.prepare('UPDATE admins SET password_hash = ? WHERE id = ?');
    this.selectActiveDirectAdmins = db.prepare(
      'SELECT a.id FROM admins a JOIN admin_direct_groups d ON d.admin_id = a.id WHERE d.group_id = ? AND a.disabled = 0',
    );
  }

  create(name: string, email: string, passwordHash: string, at: Date): number {
    return Number(this.insertAdmin.run(name, email, passwordHash, at.toISOString()).lastInsertRowid);
  }

  addDirectGroup(adminId: number, groupId: number): void {
    this.insertDirectGroup.run(adminId, groupId);
  }

  setDirectGroups(adminId: number, groupIds: readonly number[]): void {
    this.db.transaction(() => {
      this.deleteDirectGroups.run(adminId);
      for (const groupId of groupIds) this.insertDirectGroup.run(adminId, groupId);
    })();
  }

  directGroupIds(adminId: number): number[] {
    return (this.selectDirectGroupIds.all(adminId) as { group_id: number }[]).map((r) => r.group_id);
  }

  byId(id: number): AdminRecord | null {
    const row = this.selectById.get(id) as AdminRow | undefined;
    return row ? toAdmin(row) : null;
  }

  byEmail(email: string): AdminRecord | null {
    const row = this.selectByEmail.get(email) as AdminRow | undefined;
    return row ? toAdmin(row) : null;
  }

  allWithGroups(): AdminWithGroups[] {
    const rows = this.selectAllWithGroups.all() as { id: number; name: string; email: string; disabled: 0 | 1; groups: string | null }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      disabled: r.disabled === 1,
      directGroups: r.groups ? (JSON.parse(r.groups) as { id: number; name: string }[]) : [],
    }));
  }

  updateNameAndEmail(id: number, name: string, email: string): void {
    this.updateProfile.run(name, email, id);
  }

  setDisabled(id: number, disabled: boolean): void {
    this.updateDisabled.run(disabled ? 1 : 0, id);
  }

  setPasswordHash(id: number, passwordHash: string): void {
    this.updatePassword.run(passwordHash, id);
  }

  /** Enabled admins who directly administer this group. */
  activeDirectAdminIds(groupId: number): number[] {
    return (this.selectActiveDirectAdmins.all(groupId) as { id: number }[]).map((r) => r.id);
  }
}
