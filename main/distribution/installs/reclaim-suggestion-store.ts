import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { ReclaimSuggestion } from '../../../preload/schemas/install-schemas';
import { assignmentKept, holderFilter, SCOPED_PEOPLE_CTE, scopeGroupsParam, type HolderFilter, type HolderScope } from '../report/holder-scope';

type Suggestion = z.output<typeof ReclaimSuggestion>;

/** The most suggestions one call answers. */
const MAX_SUGGESTIONS = 500;

/** SQL for licenses worth reclaiming, read from the offline cache. */
export class ReclaimSuggestionStore {
  private readonly statements = new Map<HolderFilter, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /**
   * Licenses held by retired Apple users, or by serials no device of the directory has any
   * more, among the holders the scope shows.
   */
  suggestions(serviceIds: readonly number[], holders: HolderScope): Suggestion[] {
    const found: Suggestion[] = [];
    for (const serviceId of [...serviceIds].sort((a, b) => a - b)) {
      if (found.length >= MAX_SUGGESTIONS) break;
      const filter = holderFilter(holders, serviceId);
      found.push(...(this.statement(filter).all({ serviceId, scopeGroups: scopeGroupsParam(holders), limit: MAX_SUGGESTIONS - found.length }) as Suggestion[]));
    }
    return found;
  }

  private statement(filter: HolderFilter): Database.Statement {
    let statement = this.statements.get(filter);
    if (!statement) {
      statement = this.db.prepare(
        `WITH ${SCOPED_PEOPLE_CTE}
         SELECT ca.service_id AS serviceId, ca.adam_id AS adamId, ca.pricing, m.name AS appName, ca.client_user_id AS clientUserId,
                ca.serial_number AS serialNumber, CASE WHEN ca.client_user_id IS NOT NULL THEN 'retired-user' ELSE 'device-gone' END AS why
         FROM cached_assignments ca JOIN sync_state st ON st.service_id = ca.service_id AND st.live_generation = ca.generation
         LEFT JOIN app_metadata m ON m.adam_id = ca.adam_id
         LEFT JOIN users u ON u.client_user_id = ca.client_user_id
         LEFT JOIN devices d ON d.serial_number = ca.serial_number
         WHERE ca.service_id = @serviceId
           AND ((ca.client_user_id IS NOT NULL AND EXISTS (SELECT 1 FROM cached_apple_users au WHERE au.service_id = ca.service_id
                   AND au.generation = ca.generation AND au.client_user_id = ca.client_user_id AND au.status = 'Retired'))
             OR (ca.serial_number IS NOT NULL AND d.id IS NULL))
           AND ${assignmentKept(filter)}
         ORDER BY ca.adam_id LIMIT @limit`,
      );
      this.statements.set(filter, statement);
    }
    return statement;
  }
}
