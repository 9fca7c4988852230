import type Database from 'better-sqlite3';
import { deviceKept, holderFilter, personKept, SCOPED_PEOPLE_CTE, scopeGroupsParam, type HolderScope } from './holder-scope';

/** The directory questions a HolderScope is built from and checked against. */
export class HolderScopeStore {
  private readonly anyoneIn;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    // One probe of the home-group indexes per group, stopping at the first hit.
    this.anyoneIn = db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM json_each(?) g
           WHERE EXISTS (SELECT 1 FROM users WHERE home_group_id = g.value) OR EXISTS (SELECT 1 FROM devices WHERE home_group_id = g.value))`,
      )
      .pluck();
  }

  /** True when no user or device of the directory has one of these groups as its home. */
  noneIn(groupIds: readonly number[]): boolean {
    return groupIds.length === 0 || this.anyoneIn.get(JSON.stringify(groupIds)) === 0;
  }

  /** Of these license holders of one service, the ones the scope does not show: nothing may be done to them at this level. */
  hidden(scope: HolderScope, serviceId: number, holders: { clientUserIds: readonly string[]; serialNumbers: readonly string[] }): string[] {
    const filter = holderFilter(scope, serviceId);
    if (filter === 'all') return [];
    let statement = this.statements.get(filter);
    if (!statement) {
      statement = this.db
        .prepare(
          `WITH ${SCOPED_PEOPLE_CTE}
           SELECT j.value FROM json_each(@clientUserIds) j LEFT JOIN users u ON u.client_user_id = j.value WHERE NOT ${personKept(filter, 'u')}
           UNION ALL
           SELECT j.value FROM json_each(@serialNumbers) j LEFT JOIN devices d ON d.serial_number = j.value WHERE NOT ${deviceKept(filter, 'd')}`,
        )
        .pluck();
      this.statements.set(filter, statement);
    }
    return statement.all({
      scopeGroups: scopeGroupsParam(scope),
      clientUserIds: JSON.stringify(holders.clientUserIds),
      serialNumbers: JSON.stringify(holders.serialNumbers),
    }) as string[];
  }
}
