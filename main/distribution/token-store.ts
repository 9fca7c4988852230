import type Database from 'better-sqlite3';
import type { StoredTokenStatus } from './token-status';

export interface TokenRecord {
  id: number;
  serviceId: number;
  fingerprint: string;
  orgName: string;
  locationName: string;
  locationUid: string;
  country: string | null;
  expiresAt: string;
  status: StoredTokenStatus;
  active: boolean;
  otherMdm: string | null;
  addedBy: string | null;
  addedAt: string;
  checkedAt: string | null;
  /** When Apple last refused the token as not valid, and when it was asked again (see TokenService). */
  refusedAt: string | null;
  refusalCheckedAt: string | null;
}

export interface NewToken {
  serviceId: number;
  fingerprint: string;
  orgName: string;
  locationName: string;
  locationUid: string;
  country: string | null;
  expiresAt: Date;
  otherMdm: string | null;
  addedBy: number;
  at: Date;
}

const SELECT = `SELECT t.id, t.service_id AS serviceId, t.fingerprint, t.org_name AS orgName, t.location_name AS locationName,
  t.location_uid AS locationUid, t.country, t.expires_at AS expiresAt, t.status, t.active, t.other_mdm AS otherMdm,
  a.name AS addedBy, t.added_at AS addedAt, t.checked_at AS checkedAt, t.refused_at AS refusedAt, t.refusal_checked_at AS refusalCheckedAt
  FROM tokens t LEFT JOIN admins a ON a.id = t.added_by`;

type TokenRow = Omit<TokenRecord, 'active'> & { active: 0 | 1 };
const toToken = (row: TokenRow): TokenRecord => ({ ...row, active: row.active === 1 });

/** SQL for tokens: their metadata, status and which one is active. Never the secret. */
export class TokenStore {
  private readonly insertToken;
  private readonly selectById;
  private readonly selectByService;
  private readonly selectByFingerprint;
  private readonly deactivate;
  private readonly activate;
  private readonly updateStatus;
  private readonly updateRefused;
  private readonly updateRefusalChecked;
  private readonly updateAccepted;
  private readonly deleteToken;

  constructor(private readonly db: Database.Database) {
    this.insertToken = db.prepare(`
      INSERT INTO tokens (service_id, fingerprint, org_name, location_name, location_uid, country, expires_at, other_mdm, added_by, added_at, checked_at)
      VALUES (@serviceId, @fingerprint, @orgName, @locationName, @locationUid, @country, @expiresAt, @otherMdm, @addedBy, @at, @at)`);
    this.selectById = db.prepare(`${SELECT} WHERE t.id = ?`);
    this.selectByService = db.prepare(`${SELECT} WHERE t.service_id IN (SELECT value FROM json_each(?)) ORDER BY t.active DESC, t.added_at DESC, t.id DESC`);
    this.selectByFingerprint = db.prepare('SELECT id FROM tokens WHERE service_id = ? AND fingerprint = ?');
    this.deactivate = db.prepare('UPDATE tokens SET active = 0 WHERE service_id = ? AND active = 1');
    this.activate = db.prepare('UPDATE tokens SET active = 1 WHERE id = ?');
    this.updateStatus = db.prepare('UPDATE tokens SET status = ?, checked_at = ? WHERE id = ?');
    this.updateRefused = db.prepare('UPDATE tokens SET refused_at = ?, refusal_checked_at = NULL WHERE id = ?');
    this.updateRefusalChecked = db.prepare('UPDATE tokens SET status = ?, checked_at = ?, refusal_checked_at = ? WHERE id = ?');
    this.updateAccepted = db.prepare(`
      UPDATE tokens SET status = 'valid', checked_at = @at,
        refusal_checked_at = CASE WHEN refused_at < @since THEN NULL ELSE refusal_checked_at END,
        refused_at = CASE WHEN refused_at < @since THEN NULL ELSE refused_at END
      WHERE id = @id`);
    this.deleteToken = db.prepare('DELETE FROM tokens WHERE id = ?');
  }

  create(token: NewToken): number {
    return Number(
      this.insertToken.run({ ...token, expiresAt: token.expiresAt.toISOString(), at: token.at.toISOString() }).lastInsertRowid,
    );
  }

  byId(id: number): TokenRecord | null {
    const row = this.selectById.get(id) as TokenRow | undefined;
    return row ? toToken(row) : null;
  }

  ofServices(serviceIds: readonly number[]): TokenRecord[] {
    return (this.selectByService.all(JSON.stringify(serviceIds)) as TokenRow[]).map(toToken);
  }

  exists(serviceId: number, fingerprint: string): boolean {
    return this.selectByFingerprint.get(serviceId, fingerprint) !== undefined;
  }

  /** Makes this token the service's only active one, in one transaction. */
  makeActive(id: number, serviceId: number): void {
    this.db.transaction(() => {
      this.deactivate.run(serviceId);
      this.activate.run(id);
    })();
  }

  setStatus(id: number, status: StoredTokenStatus, at: Date): void {
    this.updateStatus.run(status, at.toISOString(), id);
  }

  /** Apple refused the token as not valid just now; it is asked again before anything is marked. */
  refused(id: number, at: Date): void {
    this.updateRefused.run(at.toISOString(), id);
  }

  /** The second call's verdict: 'invalid' when Apple refused again, 'valid' when it accepted the token. */
  refusalChecked(id: number, status: 'valid' | 'invalid', at: Date): void {
    this.updateRefusalChecked.run(status, at.toISOString(), at.toISOString(), id);
  }

  /** Checked by hand (from `since`) and accepted: valid; a refusal before the check is forgotten, one during it is kept. */
  accepted(id: number, since: Date, at: Date): void {
    this.updateAccepted.run({ id, since: since.toISOString(), at: at.toISOString() });
  }

  delete(id: number): void {
    this.deleteToken.run(id);
  }
}
