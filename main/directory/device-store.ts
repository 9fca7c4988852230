import type Database from 'better-sqlite3';
import { containsPattern, SUBTREE_CTE } from './subtree-sql';
import type { ListWindow } from './user-store';

export type Platform = 'iOS' | 'iPadOS' | 'macOS' | 'tvOS';

export type DeviceOwner = { kind: 'user' | 'admin'; id: number; name: string } | null;

export interface DeviceRecord {
  id: number;
  serialNumber: string;
  name: string | null;
  platform: Platform;
  osVersion: string;
  supervised: boolean;
  udid: string | null;
  homeGroupId: number;
  homeGroupName: string;
  owner: DeviceOwner;
}

export interface DeviceFields {
  serialNumber: string;
  name: string | null;
  platform: Platform;
  osVersion: string;
  supervised: boolean;
  udid: string | null;
  homeGroupId: number;
}

export type DeviceSort = 'serialNumber' | 'name' | 'platform' | 'osVersion' | 'group' | 'owner';

const SORT_COLUMNS: Record<DeviceSort, string> = {
  serialNumber: 'd.serial_number',
  name: 'd.name COLLATE NOCASE',
  platform: 'd.platform',
  osVersion: 'd.os_version',
  group: 'hg.name COLLATE NOCASE',
  owner: 'owner_name COLLATE NOCASE',
};

const SELECT_DEVICE = `
  d.id, d.serial_number, d.name, d.platform, d.os_version, d.supervised, d.udid, d.home_group_id, hg.name AS home_group_name,
  d.user_id, d.admin_id, coalesce(u.name, a.name) AS owner_name
  FROM devices d
  JOIN groups hg ON hg.id = d.home_group_id
  LEFT JOIN users u ON u.id = d.user_id
  LEFT JOIN admins a ON a.id = d.admin_id`;

const SEARCH = `(@search = '' OR d.serial_number LIKE @pattern ESCAPE '\\' OR d.name LIKE @pattern ESCAPE '\\'
  OR u.name LIKE @pattern ESCAPE '\\' OR a.name LIKE @pattern ESCAPE '\\' OR d.udid LIKE @pattern ESCAPE '\\')`;

interface DeviceRow {
  id: number;
  serial_number: string;
  name: string | null;
  platform: Platform;
  os_version: string;
  supervised: 0 | 1;
  udid: string | null;
  home_group_id: number;
  home_group_name: string;
  user_id: number | null;
  admin_id: number | null;
  owner_name: string | null;
}

const toDevice = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  serialNumber: r.serial_number,
  name: r.name,
  platform: r.platform,
  osVersion: r.os_version,
  supervised: r.supervised === 1,
  udid: r.udid,
  homeGroupId: r.home_group_id,
  homeGroupName: r.home_group_name,
  owner:
    r.user_id !== null
      ? { kind: 'user', id: r.user_id, name: r.owner_name ?? '' }
      : r.admin_id !== null
        ? { kind: 'admin', id: r.admin_id, name: r.owner_name ?? '' }
        : null,
});

/** SQL for devices and who each belongs to. */
export class DeviceStore {
  private readonly insertDevice;
  private readonly updateDevice;
  private readonly updateOwner;
  private readonly deleteDevice;
  private readonly selectById;
  private readonly selectIdBySerial;
  private readonly selectIdByUdid;
  private readonly countInSubtree;
  private readonly selectAtOrBelow;
  private readonly listStatements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.insertDevice = db.prepare(`
      INSERT INTO devices (serial_number, name, platform, os_version, supervised, udid, home_group_id, created_at, updated_at)
      VALUES (@serialNumber, @name, @platform, @osVersion, @supervised, @udid, @homeGroupId, @at, @at)`);
    this.updateDevice = db.prepare(`
      UPDATE devices SET serial_number = @serialNumber, name = @name, platform = @platform, os_version = @osVersion,
        supervised = @supervised, udid = @udid, home_group_id = @homeGroupId, updated_at = @at
      WHERE id = @id`);
    this.updateOwner = db.prepare('UPDATE devices SET user_id = @userId, admin_id = @adminId, updated_at = @at WHERE id = @id');
    this.deleteDevice = db.prepare('DELETE FROM devices WHERE id = ?');
    this.selectById = db.prepare(`SELECT ${SELECT_DEVICE} WHERE d.id = ?`);
    this.selectIdBySerial = db.prepare('SELECT id FROM devices WHERE serial_number = ?');
    this.selectIdByUdid = db.prepare('SELECT id FROM devices WHERE udid = ?');
    this.countInSubtree = db.prepare(`
      WITH RECURSIVE ${SUBTREE_CTE}
      SELECT count(*) AS total FROM devices d
      LEFT JOIN users u ON u.id = d.user_id LEFT JOIN admins a ON a.id = d.admin_id
      WHERE d.home_group_id IN (SELECT id FROM subtree) AND ${SEARCH}`);
    this.selectAtOrBelow = db.prepare(`
      WITH RECURSIVE ${SUBTREE_CTE}
      SELECT ${SELECT_DEVICE} WHERE d.home_group_id IN (SELECT id FROM subtree) ORDER BY d.id`);
  }

  create(fields: DeviceFields, at: Date): number {
    return Number(this.insertDevice.run({ ...fields, supervised: fields.supervised ? 1 : 0, at: at.toISOString() }).lastInsertRowid);
  }

  update(id: number, fields: DeviceFields, at: Date): void {
    this.updateDevice.run({ ...fields, supervised: fields.supervised ? 1 : 0, id, at: at.toISOString() });
  }

  setOwner(id: number, owner: { kind: 'user' | 'admin'; id: number } | null, at: Date): void {
    this.updateOwner.run({
      id,
      userId: owner?.kind === 'user' ? owner.id : null,
      adminId: owner?.kind === 'admin' ? owner.id : null,
      at: at.toISOString(),
    });
  }

  delete(id: number): void {
    this.deleteDevice.run(id);
  }

  byId(id: number): DeviceRecord | null {
    const row = this.selectById.get(id) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  idBySerial(serialNumber: string): number | null {
    return (this.selectIdBySerial.get(serialNumber) as { id: number } | undefined)?.id ?? null;
  }

  idByUdid(udid: string): number | null {
    return (this.selectIdByUdid.get(udid) as { id: number } | undefined)?.id ?? null;
  }

  list(window: ListWindow<DeviceSort>): { total: number; rows: DeviceRecord[] } {
    const params = { groupId: window.groupId, search: window.search, pattern: containsPattern(window.search) };
    const { total } = this.countInSubtree.get(params) as { total: number };
    const rows = this.listStatement(window.sort, window.direction).all({ ...params, limit: window.limit, offset: window.offset }) as DeviceRow[];
    return { total, rows: rows.map(toDevice) };
  }

  /** Every device at or below a group, with the person it belongs to. */
  atOrBelow(groupId: number): DeviceRecord[] {
    return (this.selectAtOrBelow.all({ groupId }) as DeviceRow[]).map(toDevice);
  }

  private listStatement(sort: DeviceSort, direction: 'asc' | 'desc'): Database.Statement {
    const key = `${sort}:${direction}`;
    let statement = this.listStatements.get(key);
    if (!statement) {
      const dir = direction === 'desc' ? 'DESC' : 'ASC';
      statement = this.db.prepare(`
        WITH RECURSIVE ${SUBTREE_CTE}
        SELECT ${SELECT_DEVICE}
        WHERE d.home_group_id IN (SELECT id FROM subtree) AND ${SEARCH}
        ORDER BY ${SORT_COLUMNS[sort]} ${dir}, d.id ${dir}
        LIMIT @limit OFFSET @offset`);
      this.listStatements.set(key, statement);
    }
    return statement;
  }
}
