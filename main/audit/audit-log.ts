import type Database from 'better-sqlite3';
import type { Clock } from '../clock/clock';

export interface AuditFilter {
  adminId: number | null;
  /** Matches actions starting with this, e.g. "token." */
  action: string;
  /** Inclusive ISO dates (YYYY-MM-DD), in UTC. */
  from: string | null;
  to: string | null;
  offset: number;
  limit: number;
}

export interface AuditRow {
  id: number;
  at: string;
  adminId: number | null;
  adminName: string | null;
  action: string;
  target: string;
  details: string;
}

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
  private readonly filtered;
  private readonly countFiltered;
  private readonly distinctActions;

  constructor(db: Database.Database, private readonly clock: Clock) {
    this.insert = db.prepare(
      'INSERT INTO audit_entries (at, admin_id, action, target, details) VALUES (?, ?, ?, ?, ?)',
    );
    this.recent = db.prepare('SELECT id, at, admin_id, action, target, details FROM audit_entries ORDER BY id DESC LIMIT ?');
    const where = `WHERE (@adminId IS NULL OR e.admin_id = @adminId)
      AND (@action = '' OR substr(e.action, 1, length(@action)) = @action)
      AND (@from IS NULL OR e.at >= @from)
      AND (@to IS NULL OR e.at < date(@to, '+1 day'))`;
    this.filtered = db.prepare(`
      SELECT e.id, e.at, e.admin_id AS adminId, a.name AS adminName, e.action, e.target, e.details
      FROM audit_entries e LEFT JOIN admins a ON a.id = e.admin_id ${where}
      ORDER BY e.id DESC LIMIT @limit OFFSET @offset`);
    this.countFiltered = db.prepare(`SELECT count(*) AS total FROM audit_entries e ${where}`);
    this.distinctActions = db.prepare('SELECT DISTINCT action FROM audit_entries ORDER BY action');
  }

  record(adminId: number | null, action: string, target: string, details: Record<string, unknown> = {}): void {
    this.insert.run(this.clock.now().toISOString(), adminId, action, target, JSON.stringify(details));
  }

  /** Newest first, filtered by admin, action prefix and date range. */
  query(filter: AuditFilter): { total: number; rows: AuditRow[]; actions: string[] } {
    const { offset, limit, ...where } = filter;
    const { total } = this.countFiltered.get(where) as { total: number };
    const rows = this.filtered.all({ ...where, offset, limit }) as AuditRow[];
    const actions = (this.distinctActions.all() as { action: string }[]).map((r) => r.action);
    return { total, rows, actions };
  }

  latest(limit: number): AuditEntry[] {
    const rows = this.recent.all(limit) as { id: number; at: string; admin_id: number | null; action: string; target: string; details: string }[];
    return rows.map((r) => ({ id: r.id, at: r.at, adminId: r.admin_id, action: r.action, target: r.target, details: JSON.parse(r.details) }));
  }
}
