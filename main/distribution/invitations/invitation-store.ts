import type Database from 'better-sqlite3';
import type { Platform } from '../../directory/device-store';
import { SUBTREE_CTE, USERS_IN_SUBTREE_CTE } from '../../directory/subtree-sql';
import type { Audience, Candidate } from './invitation-eligibility';

export type RunState = 'running' | 'finished' | 'cancelled' | 'failed';
/** not-reached: a device invitation the MDM server queued but could not wake the device for. */
export type ItemState = 'waiting' | 'pending' | 'sent' | 'not-reached' | 'skipped' | 'failed';
/** 'apple': registered with Apple directly (a Managed Apple Account; target is the Managed Apple ID). */
export type ItemChannel = 'email' | 'device' | 'apple' | 'none';

export interface RunRecord {
  id: string;
  serviceId: number;
  tokenId: number | null;
  groupId: number;
  adminId: number | null;
  audience: Audience;
  byEmail: boolean;
  byDevice: boolean;
  automatic: boolean;
  retryOf: string | null;
  state: RunState;
  message: string | null;
  createdCount: number;
  createdAt: string;
  finishedAt: string | null;
  /** Apple's Retry-After time the run waits for before it goes on. */
  resumeAt: string | null;
}

/** A run that has not ended and already invites some of the people a new run would. */
export interface OverlappingRun {
  id: string;
  groupId: number;
  adminName: string | null;
  createdAt: string;
}

export interface NewItem {
  userId: number;
  channel: ItemChannel;
  target: string;
  state: 'waiting' | 'skipped';
  reason: string | null;
  /** A device invitation already queued on the MDM server: it is pushed again, not queued twice. */
  commandUuid?: string | null;
}

/** A waiting item with what sending needs. */
export interface WorkItem {
  id: number;
  userId: number;
  channel: 'email' | 'device' | 'apple';
  target: string;
  name: string;
  clientUserId: string;
  email: string | null;
  homeGroupName: string;
  /** Apple's status from the service's last sync, when there was one. */
  appleStatus: string | null;
  /** Set on a device invitation queued earlier and not reached: push it again. */
  commandUuid: string | null;
}

export interface ResultRow {
  userId: number;
  name: string;
  channel: ItemChannel;
  target: string;
  state: ItemState;
  reason: string | null;
  sentAt: string | null;
}

interface RunRow {
  id: string;
  service_id: number;
  token_id: number | null;
  group_id: number;
  admin_id: number | null;
  audience: Audience;
  by_email: 0 | 1;
  by_device: 0 | 1;
  automatic: 0 | 1;
  retry_of: string | null;
  state: RunState;
  message: string | null;
  created_count: number;
  created_at: string;
  finished_at: string | null;
  resume_at: string | null;
}

const toRun = (r: RunRow): RunRecord => ({
  id: r.id,
  serviceId: r.service_id,
  tokenId: r.token_id,
  groupId: r.group_id,
  adminId: r.admin_id,
  audience: r.audience,
  byEmail: r.by_email === 1,
  byDevice: r.by_device === 1,
  automatic: r.automatic === 1,
  retryOf: r.retry_of,
  state: r.state,
  message: r.message,
  createdCount: r.created_count,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  resumeAt: r.resume_at,
});

/** SQL for invitation runs, their per-user items, and who Invite Users can reach. */
export class InvitationStore {
  private readonly selectCandidates;
  private readonly selectCandidateById;
  private readonly selectDevicesAtOrBelow;
  private readonly selectDevicesOf;
  private readonly selectOverlapping;
  private readonly insertRun;
  private readonly insertItem;
  private readonly selectRun;
  private readonly selectRunning;
  private readonly updateRunEnd;
  private readonly updateResumeAt;
  private readonly addCreated;
  private readonly selectWork;
  private readonly updateItem;
  private readonly failPendingItems;
  private readonly failWaitingItems;
  private readonly selectResults;
  private readonly selectFailed;
  private readonly selectCounts;

  constructor(private readonly db: Database.Database) {
    // Apple's status comes from the service's live cache generation when it was synced; an
    // invitation counts as "before" when one of this service was sent.
    const candidateColumns = `
      u.id AS userId, u.name, u.email, u.managed_apple_id AS managedAppleId,
      (SELECT au.status FROM cached_apple_users au JOIN sync_state st ON st.service_id = au.service_id AND st.live_generation = au.generation
        WHERE au.service_id = @serviceId AND au.client_user_id = u.client_user_id) AS appleStatus,
      EXISTS (SELECT 1 FROM invitations i JOIN invitation_runs r ON r.id = i.run_id
        WHERE i.user_id = u.id AND r.service_id = @serviceId AND i.state = 'sent') AS invitedBefore`;
    this.selectCandidates = db.prepare(`
      WITH RECURSIVE ${SUBTREE_CTE}, ${USERS_IN_SUBTREE_CTE}
      SELECT ${candidateColumns} FROM users u JOIN scoped_users s ON s.id = u.id ORDER BY u.name COLLATE NOCASE, u.id`);
    this.selectCandidateById = db.prepare(`SELECT ${candidateColumns} FROM users u WHERE u.id = @userId`);
    this.selectDevicesAtOrBelow = db.prepare(`
      WITH RECURSIVE ${SUBTREE_CTE}, ${USERS_IN_SUBTREE_CTE}
      SELECT d.user_id AS userId, d.udid, d.platform, d.os_version AS osVersion
      FROM devices d JOIN scoped_users s ON s.id = d.user_id ORDER BY d.id`);
    this.selectDevicesOf = db.prepare('SELECT user_id AS userId, udid, platform, os_version AS osVersion FROM devices WHERE user_id = ? ORDER BY id');
    this.selectOverlapping = db.prepare(`
      SELECT r.id, r.group_id AS groupId, a.name AS adminName, r.created_at AS createdAt
      FROM invitation_runs r LEFT JOIN admins a ON a.id = r.admin_id
      WHERE r.state = 'running' AND r.service_id = @serviceId
        AND EXISTS (SELECT 1 FROM invitations i WHERE i.run_id = r.id AND i.state <> 'skipped' AND i.user_id IN (SELECT value FROM json_each(@userIds)))
      ORDER BY r.created_at LIMIT 1`);
    this.insertRun = db.prepare(`
      INSERT INTO invitation_runs (id, service_id, token_id, group_id, admin_id, audience, by_email, by_device, automatic, retry_of, state, created_at)
      VALUES (@id, @serviceId, @tokenId, @groupId, @adminId, @audience, @byEmail, @byDevice, @automatic, @retryOf, 'running', @at)`);
    this.insertItem = db.prepare(`
      INSERT OR IGNORE INTO invitations (run_id, user_id, channel, target, state, reason, command_uuid) VALUES (@runId, @userId, @channel, @target, @state, @reason, @commandUuid)`);
    this.selectRun = db.prepare('SELECT * FROM invitation_runs WHERE id = ?');
    this.selectRunning = db.prepare("SELECT * FROM invitation_runs WHERE state = 'running' ORDER BY created_at");
    this.updateRunEnd = db.prepare('UPDATE invitation_runs SET state = @state, message = @message, finished_at = @at, resume_at = NULL WHERE id = @id');
    this.updateResumeAt = db.prepare('UPDATE invitation_runs SET resume_at = @resumeAt, message = @message WHERE id = @id');
    this.addCreated = db.prepare('UPDATE invitation_runs SET created_count = created_count + @count WHERE id = @id');
    this.selectWork = db.prepare(`
      SELECT i.id, i.user_id AS userId, i.channel, i.target, i.command_uuid AS commandUuid, u.name, u.client_user_id AS clientUserId, u.email, g.name AS homeGroupName,
        (SELECT au.status FROM cached_apple_users au JOIN sync_state st ON st.service_id = au.service_id AND st.live_generation = au.generation
          WHERE au.service_id = r.service_id AND au.client_user_id = u.client_user_id) AS appleStatus
      FROM invitations i JOIN invitation_runs r ON r.id = i.run_id JOIN users u ON u.id = i.user_id JOIN groups g ON g.id = u.home_group_id
      WHERE i.run_id = ? AND i.state = 'waiting' ORDER BY i.id`);
    this.updateItem = db.prepare('UPDATE invitations SET state = @state, reason = @reason, command_uuid = @commandUuid, sent_at = @sentAt WHERE id = @id');
    this.failPendingItems = db.prepare("UPDATE invitations SET state = 'failed', reason = @reason WHERE run_id = @runId AND state = 'pending'");
    this.failWaitingItems = db.prepare("UPDATE invitations SET state = 'failed', reason = @reason WHERE run_id = @runId AND state = 'waiting'");
    this.selectResults = db.prepare(`
      SELECT i.user_id AS userId, u.name, i.channel, i.target, i.state, i.reason, i.sent_at AS sentAt
      FROM invitations i JOIN users u ON u.id = i.user_id WHERE i.run_id = ? ORDER BY u.name COLLATE NOCASE, i.user_id, i.channel, i.target`);
    this.selectFailed = db.prepare(`
      SELECT user_id AS userId, channel, target, CASE WHEN state = 'not-reached' THEN command_uuid END AS commandUuid
      FROM invitations WHERE run_id = ? AND state IN ('failed', 'not-reached') ORDER BY id`);
    this.selectCounts = db.prepare(`
      SELECT count(*) FILTER (WHERE channel = 'apple' AND state = 'sent') AS registered,
             count(*) FILTER (WHERE channel = 'email' AND state = 'sent') AS emailed,
             count(*) FILTER (WHERE channel = 'device' AND state = 'sent') AS pushed,
             count(*) FILTER (WHERE state = 'not-reached') AS notReached,
             count(*) FILTER (WHERE state = 'failed') AS failed,
             count(*) FILTER (WHERE state = 'skipped') AS skipped,
             count(*) FILTER (WHERE state <> 'skipped') AS total
      FROM invitations WHERE run_id = ?`);
  }

  /** Everyone at or below the group, with their devices, Apple status and earlier invitations. */
  candidates(groupId: number, serviceId: number): Candidate[] {
    const rows = this.selectCandidates.all({ groupId, serviceId }) as CandidateRow[];
    const devices = this.selectDevicesAtOrBelow.all({ groupId }) as DeviceRow[];
    return withDevices(rows, devices);
  }

  candidate(userId: number, serviceId: number): Candidate | null {
    const row = this.selectCandidateById.get({ userId, serviceId }) as CandidateRow | undefined;
    return row ? withDevices([row], this.selectDevicesOf.all(userId) as DeviceRow[])[0]! : null;
  }

  /**
   * Records the run and its items, unless a run of the service that has not ended already
   * invites one of the people this one would: then nothing is written and that run is
   * returned.
   *
   * The check and the insert share one IMMEDIATE transaction, which takes SQLite's write lock
   * before it reads, so two starts at once (two windows, or two app processes on one data
   * folder) cannot both pass the check.
   */
  createRun(
    run: Omit<RunRecord, 'state' | 'message' | 'createdCount' | 'finishedAt' | 'createdAt' | 'resumeAt'>,
    items: readonly NewItem[],
    at: Date,
  ): OverlappingRun | null {
    const userIds = [...new Set(items.filter((i) => i.state === 'waiting').map((i) => i.userId))];
    return this.db
      .transaction(() => {
        const overlapping = this.selectOverlapping.get({ serviceId: run.serviceId, userIds: JSON.stringify(userIds) }) as OverlappingRun | undefined;
        if (overlapping) return overlapping;
        this.insertRun.run({
          ...run,
          byEmail: run.byEmail ? 1 : 0,
          byDevice: run.byDevice ? 1 : 0,
          automatic: run.automatic ? 1 : 0,
          at: at.toISOString(),
        });
        for (const item of items) this.insertItem.run({ runId: run.id, commandUuid: null, ...item });
        return null;
      })
      .immediate();
  }

  run(id: string): RunRecord | null {
    const row = this.selectRun.get(id) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  running(): RunRecord[] {
    return (this.selectRunning.all() as RunRow[]).map(toRun);
  }

  end(id: string, state: Exclude<RunState, 'running'>, message: string | null, at: Date): void {
    this.updateRunEnd.run({ id, state, message, at: at.toISOString() });
  }

  /** The run waits for Apple until `resumeAt` (saying so in its message), or (null) goes on. */
  waitForApple(id: string, resumeAt: Date | null, message: string | null): void {
    this.updateResumeAt.run({ id, resumeAt: resumeAt?.toISOString() ?? null, message });
  }

  countCreated(id: string, count: number): void {
    this.addCreated.run({ id, count });
  }

  waiting(runId: string): WorkItem[] {
    return this.selectWork.all(runId) as WorkItem[];
  }

  mark(itemId: number, state: 'pending' | 'sent' | 'not-reached' | 'skipped' | 'failed', reason: string | null = null, commandUuid: string | null = null, sentAt: Date | null = null): void {
    this.updateItem.run({ id: itemId, state, reason, commandUuid, sentAt: sentAt?.toISOString() ?? null });
  }

  /** Items handed over when the app stopped: they may have gone out, so they are not sent again. */
  failPending(runId: string, reason: string): void {
    this.failPendingItems.run({ runId, reason });
  }

  failWaiting(runId: string, reason: string): void {
    this.failWaitingItems.run({ runId, reason });
  }

  results(runId: string): ResultRow[] {
    return this.selectResults.all(runId) as ResultRow[];
  }

  /** Items to retry: the failed, and the device invitations queued but not reached (with their command). */
  failed(runId: string): { userId: number; channel: ItemChannel; target: string; commandUuid: string | null }[] {
    return this.selectFailed.all(runId) as { userId: number; channel: ItemChannel; target: string; commandUuid: string | null }[];
  }

  counts(runId: string): RunCounts {
    return this.selectCounts.get(runId) as RunCounts;
  }
}

export interface RunCounts {
  registered: number;
  emailed: number;
  /** Device invitations queued and the device woken. */
  pushed: number;
  /** Device invitations queued whose device was not woken. */
  notReached: number;
  failed: number;
  skipped: number;
  total: number;
}

type CandidateRow = Omit<Candidate, 'devices' | 'invitedBefore'> & { invitedBefore: 0 | 1 };
type DeviceRow = { userId: number; udid: string | null; platform: Platform; osVersion: string };

function withDevices(rows: CandidateRow[], devices: DeviceRow[]): Candidate[] {
  const byUser = new Map<number, Candidate['devices']>();
  for (const { userId, ...device } of devices) {
    const list = byUser.get(userId) ?? [];
    list.push(device);
    byUser.set(userId, list);
  }
  return rows.map((row) => ({ ...row, invitedBefore: row.invitedBefore === 1, devices: byUser.get(row.userId) ?? [] }));
}
