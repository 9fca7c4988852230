import type Database from 'better-sqlite3';
import { containsPattern } from '../../directory/subtree-sql';
import { appleUserStatuses } from '../../../preload/schemas/report-schemas';
import { assignmentKept, holderFilter, readsScope, SCOPED_PEOPLE_CTE, scopeGroupsParam, type HolderFilter, type HolderScope } from './holder-scope';

export interface LicenseFilter {
  serviceIds: number[];
  search: string;
  productType: 'App' | 'Book' | null;
  platform: 'iOS' | 'iPadOS' | 'macOS' | 'tvOS' | null;
  pricing: 'STDQ' | 'PLUS' | null;
  lowAvailability: boolean;
  sort: 'name' | 'assigned' | 'available' | 'total' | 'use';
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface AppleUserFilter {
  serviceIds: number[];
  holders: HolderScope;
  search: string;
  status: 'Registered' | 'Associated' | 'Retired' | 'Deleted' | null;
  sort: 'name' | 'email' | 'status' | 'licenses';
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface AssignmentFilter {
  serviceId: number;
  holders: HolderScope;
  adamId: string;
  pricing: string;
  offset: number;
  limit: number;
}

// Only rows of each service's live generation are the cache; others belong to a sync in flight.
const LIVE_ASSETS = `cached_assets a JOIN sync_state st ON st.service_id = a.service_id AND st.live_generation = a.generation`;

const LICENSE_WHERE = `
  a.service_id IN (SELECT value FROM json_each(@services))
  AND (@search = '' OR m.name LIKE @pattern ESCAPE '\\' OR a.adam_id LIKE @pattern ESCAPE '\\' OR m.bundle_id LIKE @pattern ESCAPE '\\')
  AND (@productType IS NULL OR a.product_type = @productType)
  AND (@pricing IS NULL OR a.pricing = @pricing)
  AND (@platform IS NULL
       OR EXISTS (SELECT 1 FROM json_each(a.platforms) p WHERE p.value = @platform OR (@platform = 'iPadOS' AND p.value = 'iOS'))
       OR EXISTS (SELECT 1 FROM json_each(coalesce(m.platforms, '[]')) p WHERE p.value = @platform))
  AND (@low = 0 OR (a.unlimited = 0 AND a.available <= max(5, a.total / 10)))`;

const LICENSE_SORT: Record<LicenseFilter['sort'], string> = {
  name: 'coalesce(m.name, a.adam_id) COLLATE NOCASE',
  assigned: 'a.assigned',
  available: 'CASE WHEN a.unlimited = 1 THEN 2147483647 ELSE a.available END',
  total: 'CASE WHEN a.unlimited = 1 THEN 2147483647 ELSE a.total END',
  use: 'CASE WHEN a.unlimited = 1 OR a.total = 0 THEN 0 ELSE 1.0 * a.assigned / a.total END',
};

/** The most holders of one asset an export reads in one call (about 4 MB of rows). */
const READ_WHOLE_MAX_ROWS = 20_000;

/**
 * How the Users tab sorts: the stored key (see report-sort-keys.ts) and the index that holds
 * the rows of one generation in that order, with the status beside the key.
 */
const USER_SORT: Record<AppleUserFilter['sort'], { key: string; collate: string; index: string }> = {
  name: { key: 'sort_name', collate: 'COLLATE NOCASE', index: 'cached_apple_users_by_name' },
  email: { key: 'sort_email', collate: 'COLLATE NOCASE', index: 'cached_apple_users_by_email' },
  status: { key: 'status', collate: '', index: 'cached_apple_users_by_status' },
  licenses: { key: 'license_count', collate: '', index: 'cached_apple_users_by_licenses' },
};

/** The name index also carries the search text: a search is one pass over it. */
const SEARCH_INDEX = USER_SORT.name.index;

/** The Apple users of the live generation of service number `i` that the filter keeps. */
function userMatch(i: number, search: boolean, of: string): string {
  const kept = `${of}service_id = @service${i} AND ${of}generation = @generation${i} AND (@status IS NULL OR ${of}status = @status)`;
  return search ? `${kept} AND (${of}search_text LIKE @pattern ESCAPE '\\' OR ${of}client_user_id = @search)` : kept;
}

/** Only Apple users our directory knows; for an admin who sees everyone of it but not the unmatched. */
const IN_DIRECTORY = (of: string) => `EXISTS (SELECT 1 FROM users du WHERE du.client_user_id = ${of}client_user_id)`;

/**
 * The Apple users of service `i` whose person is at or below the level, found from those
 * people: a class's or a school's few are looked up by primary key instead of testing each of
 * the location's 100,000 (see HolderScope). `columns` are read from `c`.
 */
function scopedUsers(i: number, search: boolean, columns: string): string {
  return `SELECT ${columns} FROM scoped_people p
    CROSS JOIN cached_apple_users c ON c.service_id = @service${i} AND c.generation = @generation${i} AND c.client_user_id = p.client_user_id
    WHERE ${userMatch(i, search, 'c.')}`;
}

/** The Apple users of service `i` that match nobody in the directory. */
function unmatchedUsers(i: number, search: boolean, columns: string): string {
  return `SELECT ${columns} FROM cached_apple_users c WHERE ${userMatch(i, search, 'c.')} AND NOT ${IN_DIRECTORY('c.')}`;
}

/**
 * How many Apple users of service `i` the holder filter keeps, without a search.
 *
 * At or below a level the count seeks each person's entry in the status index (one seek per
 * status asked for), rather than testing every entry of the location against the people.
 */
function userCount(i: number, holder: HolderFilter): string {
  const walk = `SELECT count(*) FROM cached_apple_users c INDEXED BY ${USER_SORT.status.index} WHERE ${userMatch(i, false, 'c.')}`;
  if (holder === 'all') return walk;
  if (holder === 'matched') return `${walk} AND ${IN_DIRECTORY('c.')}`;
  const seek = `SELECT count(*) FROM cached_apple_users c INDEXED BY ${USER_SORT.status.index}
    WHERE c.service_id = @service${i} AND c.generation = @generation${i} AND c.status IN (SELECT value FROM json_each(@statuses))
      AND c.client_user_id IN (SELECT client_user_id FROM scoped_people)`;
  return holder === 'scoped' ? seek : `(${seek}) + (${walk} AND NOT ${IN_DIRECTORY('c.')})`;
}

/** The WITH clause a statement needs for these filters, before its own CTEs (`more`). */
function withClause(filters: readonly HolderFilter[], ...more: string[]): string {
  const ctes = [...(filters.some(readsScope) ? [SCOPED_PEOPLE_CTE] : []), ...more];
  return ctes.length > 0 ? `WITH ${ctes.join(', ')} ` : '';
}

export interface LicenseRecord {
  serviceId: number;
  serviceName: string;
  adamId: string;
  pricing: 'STDQ' | 'PLUS';
  productType: 'App' | 'Book';
  name: string | null;
  iconUrl: string | null;
  platforms: string[];
  deviceAssignable: boolean;
  unlimited: boolean;
  total: number | null;
  assigned: number;
  available: number | null;
  retired: number;
}

interface LicenseRow extends Omit<LicenseRecord, 'platforms' | 'deviceAssignable' | 'unlimited'> {
  platforms: string;
  metaPlatforms: string | null;
  deviceAssignable: 0 | 1;
  unlimited: 0 | 1;
}

const toLicense = ({ platforms, metaPlatforms, deviceAssignable, unlimited, ...row }: LicenseRow): LicenseRecord => ({
  ...row,
  platforms: [...new Set([...(JSON.parse(platforms) as string[]), ...(metaPlatforms ? (JSON.parse(metaPlatforms) as string[]) : [])])],
  deviceAssignable: deviceAssignable === 1,
  unlimited: unlimited === 1,
});

export interface AppleUserRecord {
  serviceId: number;
  serviceName: string;
  clientUserId: string;
  status: 'Registered' | 'Associated' | 'Retired' | 'Deleted';
  email: string | null;
  managedAppleId: string | null;
  inviteCodePresent: boolean;
  userId: number | null;
  userName: string | null;
  groupName: string | null;
  deviceCount: number;
  licenseCount: number;
  /** When this service's invitation last went out to the person, by any channel. */
  invitedAt: string | null;
}

/** `sortKey` keeps a window in order through the join that counts (see userRows). */
type AppleUserRow = Omit<AppleUserRecord, 'inviteCodePresent'> & { inviteCodePresent: 0 | 1; sortKey: unknown };

const toAppleUser = ({ inviteCodePresent, sortKey: _sortKey, ...row }: AppleUserRow): AppleUserRecord => ({ ...row, inviteCodePresent: inviteCodePresent === 1 });

/** SQL for the Managed Distribution Report: every filter, sort and window is SQLite's work. */
export class ReportStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  licenses(filter: LicenseFilter): { total: number; rows: LicenseRecord[] } {
    const params = this.licenseParams(filter);
    const { total } = this.prepare('licenses:count', `SELECT count(*) AS total FROM ${LIVE_ASSETS} LEFT JOIN app_metadata m ON m.adam_id = a.adam_id WHERE ${LICENSE_WHERE}`).get(params) as { total: number };
    const rows = this.licenseRows(filter).all({ ...params, limit: filter.limit, offset: filter.offset }) as LicenseRow[];
    return { total, rows: rows.map(toLicense) };
  }

  /** Every row of a license view, one at a time, for the CSV export. */
  *eachLicense(filter: LicenseFilter): Generator<LicenseRecord> {
    for (const row of this.licenseRows(filter).iterate({ ...this.licenseParams(filter), limit: -1, offset: 0 })) yield toLicense(row as LicenseRow);
  }

  /** One window of an asset's holders the scope shows; `outside` counts the licenses of the asset held by others. */
  assignments(filter: AssignmentFilter): { total: number; rows: AssignmentRecord[]; outside: number } {
    const holder = holderFilter(filter.holders, filter.serviceId);
    const params = assignmentParams(filter);
    const rows = this.assignmentRows('objects', holder).all({ ...params, limit: filter.limit, offset: filter.offset }) as AssignmentRecord[];
    const total = this.assignmentCount(params, holder);
    return { total, rows, outside: holder === 'all' ? 0 : this.assignmentCount(params, 'all') - total };
  }

  /**
   * Every assignment of one asset in the export's column order, as arrays: no object per row of a million.
   *
   * An asset of ordinary size is read in one call: stepping row by row from JavaScript costs
   * a tenth of a million-row export. Larger ones are read row by row, so memory stays bounded.
   * A generator, so nothing is read before the export asks for its first row: an export whose
   * save dialog was cancelled never reads, and an unread iterator would keep the statement
   * and its connection busy.
   */
  *eachAssignment(filter: Omit<AssignmentFilter, 'offset' | 'limit'>): Generator<AssignmentExportRow> {
    const holder = holderFilter(filter.holders, filter.serviceId);
    const statement = this.assignmentRows('export', holder);
    const params = assignmentParams(filter);
    const rows = this.assignmentCount(params, holder) <= READ_WHOLE_MAX_ROWS ? statement.all({ ...params, limit: -1, offset: 0 }) : statement.iterate({ ...params, limit: -1, offset: 0 });
    yield* rows as Iterable<AssignmentExportRow>;
  }

  private assignmentCount(params: ReturnType<typeof assignmentParams>, holder: HolderFilter): number {
    const joins =
      holder === 'all'
        ? ''
        : `LEFT JOIN users u INDEXED BY users_for_report ON u.client_user_id = ca.client_user_id LEFT JOIN devices d ON d.serial_number = ca.serial_number`;
    return this.prepare(
      `assignments:count:${holder}`,
      `${withClause([holder])}SELECT count(*) FROM cached_assignments ca JOIN sync_state st ON st.service_id = ca.service_id AND st.live_generation = ca.generation
       ${joins}
       WHERE ca.service_id = @serviceId AND ca.adam_id = @adamId AND ca.pricing = @pricing AND ${assignmentKept(holder)}`,
    )
      .pluck()
      .get(params) as number;
  }

  appleUsers(filter: AppleUserFilter): { total: number; rows: AppleUserRecord[] } {
    const live = this.liveGenerations(filter.serviceIds);
    if (live.length === 0) return { total: 0, rows: [] };
    const holders = live.map(({ serviceId }) => holderFilter(filter.holders, serviceId));
    const params = { ...this.userParams(filter, live), limit: filter.limit, offset: filter.offset };
    if (filter.search !== '') {
      // One pass over the search index gives both the count and the window (see userRows).
      const counted = this.userRows(filter, holders, 'counted').all(params) as (AppleUserRow & { total: number })[];
      const rows = counted.filter((row) => row.clientUserId !== null).map(({ total: _total, ...row }) => toAppleUser(row));
      return { total: counted[0]?.total ?? 0, rows };
    }
    const count = holders.map((holder, i) => `(${userCount(i, holder)})`).join(' + ');
    const total = this.prepare(`users:count:${holders.join(',')}`, `${withClause(holders)}SELECT ${count}`).pluck().get(params) as number;
    const rows = this.userRows(filter, holders, 'window').all(params) as AppleUserRow[];
    return { total, rows: rows.map(toAppleUser) };
  }

  *eachAppleUser(filter: AppleUserFilter): Generator<AppleUserRecord> {
    const live = this.liveGenerations(filter.serviceIds);
    if (live.length === 0) return;
    const holders = live.map(({ serviceId }) => holderFilter(filter.holders, serviceId));
    for (const row of this.userRows(filter, holders, 'window').iterate({ ...this.userParams(filter, live), limit: -1, offset: 0 })) yield toAppleUser(row as AppleUserRow);
  }

  private licenseParams(filter: LicenseFilter) {
    return {
      services: JSON.stringify(filter.serviceIds),
      search: filter.search,
      pattern: containsPattern(filter.search),
      productType: filter.productType,
      pricing: filter.pricing,
      platform: filter.platform,
      low: filter.lowAvailability ? 1 : 0,
    };
  }

  private licenseRows(filter: LicenseFilter): Database.Statement {
    const dir = filter.direction === 'desc' ? 'DESC' : 'ASC';
    return this.prepare(
      `licenses:${filter.sort}:${dir}`,
      `SELECT a.service_id AS serviceId, s.name AS serviceName, a.adam_id AS adamId, a.pricing, a.product_type AS productType,
              m.name, m.artwork_url AS iconUrl, a.platforms, m.platforms AS metaPlatforms, a.device_assignable AS deviceAssignable,
              a.unlimited, a.total, a.assigned, a.available, a.retired
       FROM ${LIVE_ASSETS} JOIN services s ON s.id = a.service_id LEFT JOIN app_metadata m ON m.adam_id = a.adam_id
       WHERE ${LICENSE_WHERE}
       ORDER BY ${LICENSE_SORT[filter.sort]} ${dir}, a.adam_id ${dir}, a.service_id
       LIMIT @limit OFFSET @offset`,
    );
  }

  /** The columns are in the export's order (AssignmentExportRow), which 'export' answers as arrays. */
  private assignmentRows(shape: 'objects' | 'export', holder: HolderFilter): Database.Statement {
    const statement = this.prepare(
      `assignments:${shape}:${holder}`,
      `${withClause([holder])}SELECT coalesce(u.name, du.name) AS userName, coalesce(u.email, du.email) AS userEmail, ca.client_user_id AS clientUserId,
              d.name AS deviceName, ca.serial_number AS serialNumber, coalesce(ug.name, dg.name) AS groupName
       FROM cached_assignments ca
       JOIN sync_state st ON st.service_id = ca.service_id AND st.live_generation = ca.generation
       LEFT JOIN users u INDEXED BY users_for_report ON u.client_user_id = ca.client_user_id
       LEFT JOIN groups ug ON ug.id = u.home_group_id
       LEFT JOIN devices d ON d.serial_number = ca.serial_number
       LEFT JOIN groups dg ON dg.id = d.home_group_id
       LEFT JOIN users du ON du.id = d.user_id
       WHERE ca.service_id = @serviceId AND ca.adam_id = @adamId AND ca.pricing = @pricing AND ${assignmentKept(holder)}
       ORDER BY ca.rowid
       LIMIT @limit OFFSET @offset`,
    );
    return shape === 'export' ? statement.raw() : statement;
  }

  private liveGenerations(serviceIds: number[]): { serviceId: number; generation: number }[] {
    return this.prepare(
      'users:live',
      `SELECT service_id AS serviceId, live_generation AS generation FROM sync_state
       WHERE service_id IN (SELECT value FROM json_each(?)) AND live_generation IS NOT NULL ORDER BY service_id`,
    ).all(JSON.stringify(serviceIds)) as { serviceId: number; generation: number }[];
  }

  private userParams(filter: AppleUserFilter, live: { serviceId: number; generation: number }[]) {
    const params: Record<string, string | number | null> = {
      search: filter.search,
      pattern: containsPattern(filter.search),
      status: filter.status,
      statuses: JSON.stringify(filter.status ? [filter.status] : appleUserStatuses),
      scopeGroups: scopeGroupsParam(filter.holders),
    };
    live.forEach(({ serviceId, generation }, i) => {
      params[`service${i}`] = serviceId;
      params[`generation${i}`] = generation;
    });
    return params;
  }

  /**
   * One window of Apple users in sort order, joined to the directory for those rows only.
   *
   * Each service's live generation is a branch of its own that walks an index in sort order;
   * SQLite merges the branches, so no branch is sorted and a window deep in 100,000 users
   * costs a walk over index entries. A search takes the matches of every branch from one pass
   * over the name index, kept (MATERIALIZED) for the statement, and sorts only those. The name
   * index holds the name and the status; sorted by email or licenses, each match is then looked
   * up by its primary key for its sort key. That costs nothing for the few matches of a typical
   * search and about 250 ms for a search matching all of 100,000 Apple users (one letter), but
   * it keeps the LIKE on the index: a WHERE on the table itself reads every row to test it.
   *
   * 'counted' (searches only) also answers how many matched, in a `total` column of every row,
   * from the same matches: a window past the last match is one row whose other columns are null.
   *
   * `holders` has one filter per service branch (see HolderScope): whose Apple records of that
   * service the admin sees at this level.
   */
  private userRows(filter: AppleUserFilter, holders: readonly HolderFilter[], shape: 'window' | 'counted'): Database.Statement {
    const dir = filter.direction === 'desc' ? 'DESC' : 'ASC';
    const { key, collate, index } = USER_SORT[filter.sort];
    const search = filter.search !== '';
    if (shape === 'counted' && !search) throw new Error('Only a search counts its matches in the window statement.');
    const order = (of: string, sortKey = 'sort_key', clientUserId = 'client_user_id', serviceId = 'service_id') =>
      `${of}${sortKey} ${collate} ${dir}, ${of}${clientUserId} ${dir}, ${of}${serviceId}`;
    const columns = `c.service_id AS service_id, c.generation AS generation, c.client_user_id AS client_user_id, c.${key} AS sort_key`;
    const branches = holders
      .map((holder, i) => {
        if (holder === 'scoped') return scopedUsers(i, search, columns);
        if (holder === 'scoped-or-unmatched') return `${scopedUsers(i, search, columns)} UNION ALL ${unmatchedUsers(i, search, columns)}`;
        const directory = (of: string) => (holder === 'matched' ? ` AND ${IN_DIRECTORY(of)}` : '');
        return search
          ? key === USER_SORT.name.key || key === USER_SORT.status.key
            ? `SELECT ${columns} FROM cached_apple_users c INDEXED BY ${SEARCH_INDEX} WHERE ${userMatch(i, true, 'c.')}${directory('c.')}`
            : `SELECT ${columns}
             FROM cached_apple_users m INDEXED BY ${SEARCH_INDEX}
             CROSS JOIN cached_apple_users c ON c.service_id = m.service_id AND c.generation = m.generation AND c.client_user_id = m.client_user_id
             WHERE ${userMatch(i, true, 'm.')}${directory('m.')}`
          : `SELECT ${columns} FROM cached_apple_users c INDEXED BY ${index} WHERE ${userMatch(i, false, 'c.')}${directory('c.')}`;
      })
      .join(' UNION ALL ');
    const window = search
      ? `SELECT * FROM matched ORDER BY ${order('')} LIMIT @limit OFFSET @offset`
      : `${branches} ORDER BY ${order('')} LIMIT @limit OFFSET @offset`;
    const rows = `SELECT au.service_id AS serviceId, s.name AS serviceName, au.client_user_id AS clientUserId, au.status,
              coalesce(au.email, u.email) AS email, coalesce(au.managed_apple_id, u.managed_apple_id) AS managedAppleId,
              au.invite_code IS NOT NULL AS inviteCodePresent, u.id AS userId, u.name AS userName, g.name AS groupName,
              (SELECT count(*) FROM devices d WHERE d.user_id = u.id) AS deviceCount,
              au.license_count AS licenseCount,
              (SELECT max(i.sent_at) FROM invitations i JOIN invitation_runs r ON r.id = i.run_id
                WHERE i.user_id = u.id AND r.service_id = au.service_id AND i.state = 'sent' AND i.channel IN ('email', 'device')) AS invitedAt,
              k.sort_key AS sortKey
       FROM (${window}) AS k
       -- CROSS JOIN keeps this order: left to choose, SQLite scanned all of a service's Apple users and probed the window.
       CROSS JOIN cached_apple_users au ON au.service_id = k.service_id AND au.generation = k.generation AND au.client_user_id = k.client_user_id
       JOIN services s ON s.id = au.service_id
       LEFT JOIN users u ON u.client_user_id = au.client_user_id
       LEFT JOIN groups g ON g.id = u.home_group_id`;
    const matched = `matched AS MATERIALIZED (${branches})`;
    const sql = !search
      ? `${withClause(holders)}${rows} ORDER BY ${order('k.')}`
      : shape === 'window'
        ? `${withClause(holders, matched)}${rows} ORDER BY ${order('k.')}`
        : `${withClause(holders, matched)}
           SELECT t.total, r.* FROM (SELECT count(*) AS total FROM matched) AS t LEFT JOIN (${rows}) AS r ON 1
           ORDER BY ${order('r.', 'sortKey', 'clientUserId', 'serviceId')}`;
    return this.prepare(`users:${holders.join(',')}:${search}:${shape}:${filter.sort}:${dir}`, sql);
  }

  private prepare(key: string, sql: string): Database.Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(key, statement);
    }
    return statement;
  }
}

function assignmentParams(filter: Omit<AssignmentFilter, 'offset' | 'limit'>) {
  return { serviceId: filter.serviceId, adamId: filter.adamId, pricing: filter.pricing, scopeGroups: scopeGroupsParam(filter.holders) };
}

export type AssignmentExportRow = [
  userName: string | null,
  userEmail: string | null,
  clientUserId: string | null,
  deviceName: string | null,
  serialNumber: string | null,
  groupName: string | null,
];

export interface AssignmentRecord {
  clientUserId: string | null;
  serialNumber: string | null;
  userName: string | null;
  userEmail: string | null;
  deviceName: string | null;
  groupName: string | null;
}
