import type Database from 'better-sqlite3';
import type { Clock } from '../clock/clock';

export interface AuditEntry {
  id: number;
  at: string;
  adminId: number | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

/** Who did what, when: every mutating handler records one entry. Details never hold secrets. */
export class AuditLog {
  private readonly insert;
  private readonly recent;

  constructor(db: Database.Database, private readonly clock: Clock) {
    this.insert = db.prepare(
      'INSERT INTO audit_entries (at, admin_id, action, target, details) VALUES (?, ?, ?, ?, ?)',
    );
    this.recent = db.prepare('SELECT id, at, admin_id, action, target, details FROM audit_entries ORDER BY id DESC LIMIT ?');
  }

  record(adminId: number | null, action: string, target: string, details: Record<string, unknown> = {}): void {
    this.insert.run(this.clock.now().toISOString(), adminId, action, target, JSON.stringify(details));
  }

  latest(limit: number): AuditEntry[] {
    const rows = this.recent.all(limit) as { id: number; at: string; admin_id: number | null; action: string; target: string; details: string }[];
    return rows.map((r) => ({ id: r.id, at: r.at, adminId: r.admin_id, action: r.action, target: r.target, details: JSON.parse(r.details) }));
  }
}
