import type Database from 'better-sqlite3';

export interface AdminRecord {
  id: number;
  name: string;
  email: string;
  passwordHash: string;
  disabled: boolean;
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
  private readonly selectById;
  private readonly selectByEmail;

  constructor(db: Database.Database) {
    this.insertAdmin = db.prepare('INSERT INTO admins (name, email, password_hash, created_at) VALUES (?, ?, ?, ?)');
    this.insertDirectGroup = db.prepare('INSERT INTO admin_direct_groups (admin_id, group_id) VALUES (?, ?)');
    this.selectById = db.prepare('SELECT id, name, email, password_hash, disabled FROM admins WHERE id = ?');
    this.selectByEmail = db.prepare('SELECT id, name, email, password_hash, disabled FROM admins WHERE email = ?');
  }

  create(name: string, email: string, passwordHash: string, at: Date): number {
    return Number(this.insertAdmin.run(name, email, passwordHash, at.toISOString()).lastInsertRowid);
  }

  addDirectGroup(adminId: number, groupId: number): void {
    this.insertDirectGroup.run(adminId, groupId);
  }

  byId(id: number): AdminRecord | null {
    const row = this.selectById.get(id) as AdminRow | undefined;
    return row ? toAdmin(row) : null;
  }

  byEmail(email: string): AdminRecord | null {
    const row = this.selectByEmail.get(email) as AdminRow | undefined;
    return row ? toAdmin(row) : null;
  }
}
