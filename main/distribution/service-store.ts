import type Database from 'better-sqlite3';

export interface ServiceRecord {
  id: number;
  groupId: number;
  groupName: string;
  name: string;
  locationUid: string | null;
  locationName: string | null;
  /** The other MDM Apple last named as the location's manager; null while the location is ours or unclaimed. */
  otherMdmName: string | null;
  otherMdmSeenAt: string | null;
}

const SELECT = `SELECT s.id, s.group_id AS groupId, g.name AS groupName, s.name, s.location_uid AS locationUid,
  s.location_name AS locationName, s.other_mdm_name AS otherMdmName, s.other_mdm_seen_at AS otherMdmSeenAt
  FROM services s JOIN groups g ON g.id = s.group_id`;

/** SQL for Managed Distribution services. */
export class ServiceStore {
  private readonly insertService;
  private readonly selectById;
  private readonly selectInGroups;
  private readonly selectByLocation;
  private readonly selectNamed;
  private readonly updateLocation;
  private readonly countInGroup;
  private readonly selectAllIds;
  private readonly updateOtherMdm;

  constructor(db: Database.Database) {
    this.insertService = db.prepare('INSERT INTO services (group_id, name, created_by, created_at) VALUES (?, ?, ?, ?)');
    this.selectById = db.prepare(`${SELECT} WHERE s.id = ?`);
    this.selectInGroups = db.prepare(`${SELECT} WHERE s.group_id IN (SELECT value FROM json_each(?)) ORDER BY s.name COLLATE NOCASE, s.id`);
    this.selectByLocation = db.prepare(`${SELECT} WHERE s.location_uid = ?`);
    this.selectNamed = db.prepare('SELECT id FROM services WHERE group_id = ? AND name = ? COLLATE NOCASE');
    this.updateLocation = db.prepare('UPDATE services SET location_uid = ?, location_name = ? WHERE id = ?');
    this.countInGroup = db.prepare('SELECT count(*) AS count FROM services WHERE group_id = ?');
    this.selectAllIds = db.prepare('SELECT id FROM services ORDER BY id').pluck();
    this.updateOtherMdm = db.prepare('UPDATE services SET other_mdm_name = ?, other_mdm_seen_at = ? WHERE id = ?');
  }

  create(groupId: number, name: string, adminId: number, at: Date): number {
    return Number(this.insertService.run(groupId, name, adminId, at.toISOString()).lastInsertRowid);
  }

  byId(id: number): ServiceRecord | null {
    return (this.selectById.get(id) as ServiceRecord | undefined) ?? null;
  }

  inGroups(groupIds: readonly number[]): ServiceRecord[] {
    return this.selectInGroups.all(JSON.stringify(groupIds)) as ServiceRecord[];
  }

  byLocation(locationUid: string): ServiceRecord | null {
    return (this.selectByLocation.get(locationUid) as ServiceRecord | undefined) ?? null;
  }

  nameTaken(groupId: number, name: string): boolean {
    return this.selectNamed.get(groupId, name) !== undefined;
  }

  setLocation(id: number, locationUid: string | null, locationName: string | null): void {
    this.updateLocation.run(locationUid, locationName, id);
  }

  /** Records that Apple names another MDM as the location's manager, or (null) that it names us again. */
  setOtherMdm(id: number, name: string | null, seenAt: Date | null): void {
    this.updateOtherMdm.run(name, seenAt?.toISOString() ?? null, id);
  }

  allIds(): number[] {
    return this.selectAllIds.all() as number[];
  }

  countIn(groupId: number): number {
    return (this.countInGroup.get(groupId) as { count: number }).count;
  }
}
