import type Database from 'better-sqlite3';
import { SUBTREE_CTE, USERS_IN_SUBTREE_CTE } from '../../directory/subtree-sql';
import type { Platform } from '../../directory/device-store';
import type { AppFacts, AssignmentKind, Candidate } from './eligibility';

export type LicenseState = 'pending' | 'submitted' | 'assigned' | 'failed';
/** queued: on the MDM server and the device woken; not-reached: queued, but its push failed. */
export type CommandState = 'pending' | 'queued' | 'not-reached' | 'failed' | 'not-needed';

export interface InstallRun {
  id: string;
  serviceId: number;
  tokenId: number;
  groupId: number;
  /** null once the admin who started it is gone. */
  adminId: number | null;
  adamId: string;
  pricing: string;
  kind: AssignmentKind;
  /** The admin chose to assign licenses without install commands; retries send none either. */
  licensesOnly: boolean;
  state: 'running' | 'finished' | 'cancelled';
  createdAt: string;
  finishedAt: string | null;
  /** Apple's Retry-After time the run waits for before it goes on. */
  resumeAt: string | null;
}

export interface InstallItem {
  id: number;
  deviceId: number | null;
  userId: number | null;
  serialNumber: string | null;
  clientUserId: string | null;
  udid: string | null;
  platform: Platform;
  osVersion: string;
  supervised: boolean;
  licenseState: LicenseState;
  eventId: string | null;
  attempts: number;
  commandState: CommandState | null;
  reason: string | null;
  commandUuid: string | null;
  updatedAt: string;
}

/** A run not ended (running, or interrupted and waiting to go on) that installs the same app on some of the same devices. */
export interface OverlappingRun {
  id: string;
  groupId: number;
  adminName: string | null;
  createdAt: string;
}

export interface NewItem {
  deviceId: number | null;
  userId: number | null;
  serialNumber: string | null;
  clientUserId: string | null;
  udid: string | null;
  platform: Platform;
  osVersion: string;
  supervised: boolean;
  licenseState: 'pending' | 'assigned';
  commandState: CommandState;
}

const CANDIDATE_SELECT = `
  d.id AS deviceId, d.serial_number AS serialNumber, d.name AS deviceName, d.platform, d.os_version AS osVersion,
  d.supervised, d.udid, u.id AS userId, u.name AS userName, u.client_user_id AS clientUserId, u.managed_apple_id AS managedAppleId,
  (u.id IS NULL OR u.id IN (SELECT id FROM scoped_users)) AS ownerAtLevel,
  (SELECT au.status FROM cached_apple_users au JOIN sync_state st ON st.service_id = au.service_id AND st.live_generation = au.generation
    WHERE au.service_id = @serviceId AND au.client_user_id = u.client_user_id) AS appleStatus
  FROM devices d LEFT JOIN users u ON u.id = d.user_id`;

interface CandidateRow {
  deviceId: number;
  serialNumber: string;
  deviceName: string | null;
  platform: Platform;
  osVersion: string;
  supervised: 0 | 1;
  udid: string | null;
  userId: number | null;
  userName: string | null;
  clientUserId: string | null;
  managedAppleId: string | null;
  appleStatus: string | null;
  ownerAtLevel: 0 | 1;
}

const toCandidate = (r: CandidateRow): Candidate => ({
  deviceId: r.deviceId,
  serialNumber: r.serialNumber,
  deviceName: r.deviceName,
  platform: r.platform,
  osVersion: r.osVersion,
  supervised: r.supervised === 1,
  udid: r.udid,
  // Whose device it is stays unsaid when that person is not at or below the level.
  user:
    r.ownerAtLevel === 1 && r.userId !== null && r.clientUserId !== null
      ? { id: r.userId, name: r.userName ?? '', clientUserId: r.clientUserId, appleStatus: r.appleStatus, managedAppleId: r.managedAppleId }
      : null,
  ownerOutsideLevel: r.ownerAtLevel === 0,
});

const ITEM_SELECT = `id, device_id AS deviceId, user_id AS userId, serial_number AS serialNumber, client_user_id AS clientUserId, udid,
  platform, os_version AS osVersion, supervised, license_state AS licenseState, event_id AS eventId, attempts,
  command_state AS commandState, reason, command_uuid AS commandUuid, updated_at AS updatedAt`;

const RUN_SELECT = `r.id, r.service_id AS serviceId, r.token_id AS tokenId, r.group_id AS groupId, r.admin_id AS adminId, r.adam_id AS adamId,
  r.pricing, r.kind, r.licenses_only = 1 AS licensesOnly, r.state, r.created_at AS createdAt, r.finished_at AS finishedAt, r.resume_at AS resumeAt`;

/** A failed license retried gets its command back unless none can go: not enrolled, or a Mac user's license. */
const COMMAND_AFTER_LICENSE = "udid IS NOT NULL AND NOT (platform = 'macOS' AND client_user_id IS NOT NULL)";

const toRun = <T extends { licensesOnly: unknown }>(row: T): T & { licensesOnly: boolean } => ({ ...row, licensesOnly: row.licensesOnly === 1 });

/** SQL for install runs and their items, and the directory and cache facts an install is decided on. */
export class InstallStore {
  constructor(private readonly db: Database.Database) {}

  /** Devices whose home group is at or below the group, in a stable order. */
  devicesAtOrBelow(serviceId: number, groupId: number): Candidate[] {
    return (
      this.db.prepare(`WITH RECURSIVE ${SUBTREE_CTE}, ${USERS_IN_SUBTREE_CTE} SELECT ${CANDIDATE_SELECT} WHERE d.home_group_id IN (SELECT id FROM subtree) ORDER BY d.id`).all({ serviceId, groupId }) as CandidateRow[]
    ).map(toCandidate);
  }

  /** The chosen devices, or the devices of the chosen users, that are at or below the group. */
  chosen(serviceId: number, groupId: number, deviceIds: readonly number[], userIds: readonly number[]): Candidate[] {
    return (
      this.db
        .prepare(
          `WITH RECURSIVE ${SUBTREE_CTE}, ${USERS_IN_SUBTREE_CTE} SELECT ${CANDIDATE_SELECT}
           WHERE d.home_group_id IN (SELECT id FROM subtree)
             AND (d.id IN (SELECT value FROM json_each(@devices)) OR d.user_id IN (SELECT value FROM json_each(@users)))
           ORDER BY d.id`,
        )
        .all({ serviceId, groupId, devices: JSON.stringify(deviceIds), users: JSON.stringify(userIds) }) as CandidateRow[]
    ).map(toCandidate);
  }

  /** What the last sync learned of the app at this service; null when it is not in the cache. */
  appFacts(serviceId: number, adamId: string, pricing: string): AppFacts | null {
    const asset = this.db
      .prepare(
        `SELECT a.platforms, m.platforms AS metaPlatforms, a.device_assignable AS deviceAssignable, a.unlimited, a.available
         FROM cached_assets a JOIN sync_state st ON st.service_id = a.service_id AND st.live_generation = a.generation
         LEFT JOIN app_metadata m ON m.adam_id = a.adam_id
         WHERE a.service_id = ? AND a.adam_id = ? AND a.pricing = ?`,
      )
      .get(serviceId, adamId, pricing) as { platforms: string; metaPlatforms: string | null; deviceAssignable: 0 | 1; unlimited: 0 | 1; available: number | null } | undefined;
    if (!asset) return null;
    const holders = this.db
      .prepare(
        `SELECT coalesce(upper(ca.serial_number), ca.client_user_id) AS holder FROM cached_assignments ca
         JOIN sync_state st ON st.service_id = ca.service_id AND st.live_generation = ca.generation
         WHERE ca.service_id = ? AND ca.adam_id = ? AND ca.pricing = ?`,
      )
      .pluck()
      .all(serviceId, adamId, pricing) as string[];
    return {
      platforms: [...new Set([...(JSON.parse(asset.platforms) as string[]), ...(asset.metaPlatforms ? (JSON.parse(asset.metaPlatforms) as string[]) : [])])],
      deviceAssignable: asset.deviceAssignable === 1,
      available: asset.unlimited === 1 ? null : (asset.available ?? 0),
      holders: new Set(holders),
    };
  }

  /**
   * Records the run and its items, unless a run not ended installs the same app on one of
   * these devices: then nothing is written and that run is returned.
   *
   * The check and the insert share one IMMEDIATE transaction, which takes SQLite's write lock
   * before it reads, so two starts at once (two windows, or two app processes on one data
   * folder) cannot both pass it.
   */
  createRun(run: Omit<InstallRun, 'state' | 'finishedAt' | 'resumeAt'>, items: readonly NewItem[]): OverlappingRun | null {
    return this.db
      .transaction(() => {
        const overlapping = this.overlapping(run.adamId, items, null);
        if (overlapping) return overlapping;
        this.db
          .prepare(
            `INSERT INTO install_runs (id, service_id, token_id, group_id, admin_id, adam_id, pricing, kind, licenses_only, state, created_at)
             VALUES (@id, @serviceId, @tokenId, @groupId, @adminId, @adamId, @pricing, @kind, @licensesOnly, 'running', @createdAt)`,
          )
          .run({ ...run, licensesOnly: run.licensesOnly ? 1 : 0 });
        const insert = this.db.prepare(
          `INSERT INTO install_items (run_id, device_id, user_id, serial_number, client_user_id, udid, platform, os_version, supervised,
             license_state, command_state, updated_at)
           VALUES (@runId, @deviceId, @userId, @serialNumber, @clientUserId, @udid, @platform, @osVersion, @supervised, @licenseState, @commandState, @at)`,
        );
        for (const item of items) insert.run({ ...item, supervised: item.supervised ? 1 : 0, runId: run.id, at: run.createdAt });
        return null;
      })
      .immediate();
  }

  /**
   * Sets an ended or interrupted run going again with its failed items back at the start
   * (see resetFailed), unless another run not ended installs the app on one of its devices:
   * then nothing changes and that run is returned. One IMMEDIATE transaction, as createRun.
   */
  reopen(runId: string, at: Date): OverlappingRun | null {
    return this.db
      .transaction(() => {
        const run = this.run(runId)!;
        const overlapping = this.overlapping(run.adamId, this.items(runId), runId);
        if (overlapping) return overlapping;
        this.resetFailed(runId, at);
        this.setRunState(runId, 'running', null);
        return null;
      })
      .immediate();
  }

  /** The oldest run not ended, other than `exceptRunId`, installing this app on one of these devices (the same device record or enrollment id). */
  private overlapping(adamId: string, devices: readonly { deviceId: number | null; udid: string | null }[], exceptRunId: string | null): OverlappingRun | null {
    const deviceIds = devices.flatMap((d) => (d.deviceId === null ? [] : [d.deviceId]));
    const udids = devices.flatMap((d) => (d.udid === null ? [] : [d.udid]));
    const row = this.db
      .prepare(
        `SELECT r.id, r.group_id AS groupId, a.name AS adminName, r.created_at AS createdAt
         FROM install_runs r LEFT JOIN admins a ON a.id = r.admin_id
         WHERE r.state = 'running' AND r.adam_id = @adamId AND r.id IS NOT @exceptRunId
           AND EXISTS (SELECT 1 FROM install_items i WHERE i.run_id = r.id
             AND (i.device_id IN (SELECT value FROM json_each(@deviceIds)) OR i.udid IN (SELECT value FROM json_each(@udids))))
         ORDER BY r.created_at LIMIT 1`,
      )
      .get({ adamId, exceptRunId, deviceIds: JSON.stringify(deviceIds), udids: JSON.stringify(udids) }) as OverlappingRun | undefined;
    return row ?? null;
  }

  run(runId: string): InstallRun | null {
    const row = this.db.prepare(`SELECT ${RUN_SELECT} FROM install_runs r WHERE r.id = ?`).get(runId) as (Omit<InstallRun, 'licensesOnly'> & { licensesOnly: number }) | undefined;
    return row ? toRun(row) : null;
  }

  /** The newest runs of these services made at these groups, with item counts keyed "license/command" as JSON. */
  recentRuns(serviceIds: readonly number[], groupIds: readonly number[], limit: number): (InstallRun & { adminName: string | null; appName: string | null; counts: string })[] {
    return (this.db
      .prepare(
        `SELECT ${RUN_SELECT}, a.name AS adminName, m.name AS appName,
           (SELECT json_group_object(k, n) FROM (SELECT license_state || '/' || coalesce(command_state, '-') AS k, count(*) AS n
              FROM install_items i WHERE i.run_id = r.id GROUP BY k)) AS counts
         FROM install_runs r LEFT JOIN admins a ON a.id = r.admin_id LEFT JOIN app_metadata m ON m.adam_id = r.adam_id
         WHERE r.service_id IN (SELECT value FROM json_each(?)) AND r.group_id IN (SELECT value FROM json_each(?))
         ORDER BY r.created_at DESC LIMIT ?`,
      )
      .all(JSON.stringify(serviceIds), JSON.stringify(groupIds), limit) as (Omit<InstallRun, 'licensesOnly'> & { licensesOnly: number; adminName: string | null; appName: string | null; counts: string })[]).map(toRun);
  }

  /** Items with the device and user names the result table shows. */
  resultRows(runId: string): { deviceId: number | null; serialNumber: string | null; deviceName: string | null; userName: string | null; licenseState: LicenseState; commandState: CommandState | null; reason: string | null }[] {
    return this.db
      .prepare(
        `SELECT i.device_id AS deviceId, coalesce(d.serial_number, i.serial_number) AS serialNumber, d.name AS deviceName, u.name AS userName,
                i.license_state AS licenseState, i.command_state AS commandState, i.reason
         FROM install_items i LEFT JOIN devices d ON d.id = i.device_id LEFT JOIN users u ON u.id = i.user_id
         WHERE i.run_id = ? ORDER BY i.id`,
      )
      .all(runId) as ReturnType<InstallStore['resultRows']>;
  }

  /**
   * The run's users still waiting for a license who have a Managed Apple Account the last
   * sync did not show associated: registered directly before they are licensed.
   */
  directRegistrations(runId: string): { clientUserId: string; email: string | null; managedAppleId: string }[] {
    return this.db
      .prepare(
        `SELECT DISTINCT i.client_user_id AS clientUserId, u.email, u.managed_apple_id AS managedAppleId
         FROM install_items i JOIN install_runs r ON r.id = i.run_id JOIN users u ON u.id = i.user_id
         WHERE i.run_id = ? AND i.license_state = 'pending' AND i.client_user_id IS NOT NULL AND u.managed_apple_id IS NOT NULL
           AND coalesce((SELECT au.status FROM cached_apple_users au JOIN sync_state st ON st.service_id = au.service_id AND st.live_generation = au.generation
                 WHERE au.service_id = r.service_id AND au.client_user_id = i.client_user_id), '') <> 'Associated'
         ORDER BY i.client_user_id`,
      )
      .all(runId) as { clientUserId: string; email: string | null; managedAppleId: string }[];
  }

  items(runId: string): InstallItem[] {
    return (this.db.prepare(`SELECT ${ITEM_SELECT} FROM install_items WHERE run_id = ? ORDER BY id`).all(runId) as (Omit<InstallItem, 'supervised'> & { supervised: 0 | 1 })[]).map(
      (row) => ({ ...row, supervised: row.supervised === 1 }),
    );
  }

  /** Items of the run with these holders moved to one license state, in one transaction. */
  setLicense(runId: string, holders: readonly string[], state: LicenseState, fields: { eventId?: string | null; reason?: string | null; countAttempt?: boolean }, at: Date): void {
    const update = this.db.prepare(
      `UPDATE install_items SET license_state = @state, event_id = coalesce(@eventId, event_id), reason = @reason,
         attempts = attempts + @attempt,
         command_state = CASE WHEN @state = 'failed' AND command_state = 'pending' THEN 'not-needed' ELSE command_state END,
         updated_at = @at
       WHERE run_id = @runId AND coalesce(upper(serial_number), client_user_id) = @holder`,
    );
    this.db.transaction(() => {
      for (const holder of holders) {
        update.run({ runId, holder, state, eventId: fields.eventId ?? null, reason: fields.reason ?? null, attempt: fields.countAttempt ? 1 : 0, at: at.toISOString() });
      }
    })();
  }

  /** A command's new state and its reason (null clears an earlier one); the UUID is kept when none is given. */
  setCommand(itemIds: readonly number[], state: CommandState, fields: { commandUuid: string | null; reason: string | null }, at: Date): void {
    const update = this.db.prepare('UPDATE install_items SET command_state = ?, command_uuid = coalesce(?, command_uuid), reason = ?, updated_at = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const id of itemIds) update.run(state, fields.commandUuid, fields.reason, at.toISOString(), id);
    })();
  }

  /**
   * Failed items go back to the start; an item whose license was confirmed keeps it and only
   * retries its command. Items queued but not reached stay so: the runner pushes them again.
   * A licenses-only run gets no commands back.
   */
  resetFailed(runId: string, at: Date): number {
    const now = at.toISOString();
    const licenses = this.db
      .prepare(`UPDATE install_items SET license_state = 'pending', event_id = NULL, attempts = 0, reason = NULL,
                  command_state = CASE WHEN command_state = 'not-needed' AND ${COMMAND_AFTER_LICENSE}
                    AND NOT (SELECT licenses_only FROM install_runs WHERE id = run_id) THEN 'pending' ELSE command_state END,
                  updated_at = ? WHERE run_id = ? AND license_state = 'failed'`)
      .run(now, runId).changes;
    const commands = this.db
      .prepare(`UPDATE install_items SET command_state = 'pending', reason = NULL, updated_at = ? WHERE run_id = ? AND command_state = 'failed'`)
      .run(now, runId).changes;
    return licenses + commands;
  }

  /** Whether carrying the run on would ask the MDM server anything: a command to send, resend or push again. */
  needsMdm(runId: string): boolean {
    return (
      this.db
        .prepare(
          `SELECT EXISTS (SELECT 1 FROM install_items i JOIN install_runs r ON r.id = i.run_id WHERE i.run_id = ? AND r.licenses_only = 0
             AND (i.command_state IN ('pending', 'failed', 'not-reached') OR (i.license_state = 'failed' AND i.command_state = 'not-needed' AND ${COMMAND_AFTER_LICENSE})))`,
        )
        .pluck()
        .get(runId) === 1
    );
  }

  setRunState(runId: string, state: InstallRun['state'], at: Date | null): void {
    this.db
      .prepare("UPDATE install_runs SET state = @state, finished_at = @at, resume_at = CASE WHEN @state = 'running' THEN resume_at END WHERE id = @runId")
      .run({ state, at: at?.toISOString() ?? null, runId });
  }

  /** The run waits for Apple until then (null: it goes on now). */
  setResumeAt(runId: string, resumeAt: Date | null): void {
    this.db.prepare('UPDATE install_runs SET resume_at = ? WHERE id = ?').run(resumeAt?.toISOString() ?? null, runId);
  }
}
