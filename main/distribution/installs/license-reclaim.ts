import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { HolderFailure, ReclaimSuggestion, RevokeRequest, RevokeResult } from '../../../preload/schemas/install-schemas';
import type { EventRequest } from '../../apple/model/write-requests';
import type { AuditLog } from '../../audit/audit-log';
import type { SignedInAdmin } from '../../auth/signed-in-admin';
import { DomainError } from '../../errors/domain-error';
import type { ReportScope } from '../report/report-scope';
import type { TokenRun, TokenService } from '../token-service';

type Failure = z.output<typeof HolderFailure>;

/**
 * Taking licenses back: disassociating one app, revoking all of a holder's licenses, retiring
 * Apple users, and suggesting licenses worth reclaiming from the offline cache.
 *
 * Writes go through TokenService.clientFor, so the same token access rule as installs holds.
 */
export class LicenseReclaim {
  constructor(
    private readonly db: Database.Database,
    private readonly tokens: TokenService,
    private readonly reportScope: ReportScope,
    private readonly audit: AuditLog,
  ) {}

  async revoke(admin: SignedInAdmin, request: z.output<typeof RevokeRequest>): Promise<z.output<typeof RevokeResult>> {
    const { run } = await this.tokens.clientFor(admin, request.tokenId, request.groupId);
    const holders = { clientUserIds: request.clientUserIds, serialNumbers: request.serialNumbers };
    const requested = request.clientUserIds.length + request.serialNumbers.length;
    if (requested === 0) throw new DomainError('VALIDATION', 'Choose at least one user or device.');
    let event: EventRequest;
    if (request.action === 'revoke') event = { type: 'REVOKE', revocation: holders };
    else if (request.adamId) event = { type: 'DISASSOCIATE', licenses: { assets: [{ adamId: request.adamId, pricingParam: request.pricing }], ...holders } };
    else throw new DomainError('VALIDATION', 'Choose the app to take back.');
    const failures = await submitAndWait(run, event);
    this.audit.record(admin.id, `licenses.${request.action}`, `token:${request.tokenId}`, { adamId: request.adamId, holders: requested, failed: failures.length });
    return { requested, done: requested - failures.length, failures };
  }

  async retire(admin: SignedInAdmin, tokenId: number, groupId: number, clientUserIds: string[]): Promise<z.output<typeof RevokeResult>> {
    const { run } = await this.tokens.clientFor(admin, tokenId, groupId);
    const failures = await submitAndWait(run, { type: 'RETIRE', users: clientUserIds.map((clientUserId) => ({ clientUserId })) });
    this.audit.record(admin.id, 'licenses.retireUsers', `token:${tokenId}`, { users: clientUserIds.length, failed: failures.length });
    return { requested: clientUserIds.length, done: clientUserIds.length - failures.length, failures };
  }

  /** Licenses held by retired Apple users, or by serials no device of the directory has any more. */
  suggestions(admin: SignedInAdmin, groupId: number): z.output<typeof ReclaimSuggestion>[] {
    const serviceIds = this.reportScope.serviceIds(admin, groupId, null);
    return this.db
      .prepare(
        `SELECT ca.service_id AS serviceId, ca.adam_id AS adamId, ca.pricing, m.name AS appName, ca.client_user_id AS clientUserId,
                ca.serial_number AS serialNumber, CASE WHEN ca.client_user_id IS NOT NULL THEN 'retired-user' ELSE 'device-gone' END AS why
         FROM cached_assignments ca JOIN sync_state st ON st.service_id = ca.service_id AND st.live_generation = ca.generation
         LEFT JOIN app_metadata m ON m.adam_id = ca.adam_id
         WHERE ca.service_id IN (SELECT value FROM json_each(?))
           AND ((ca.client_user_id IS NOT NULL AND EXISTS (SELECT 1 FROM cached_apple_users au WHERE au.service_id = ca.service_id
                   AND au.generation = ca.generation AND au.client_user_id = ca.client_user_id AND au.status = 'Retired'))
             OR (ca.serial_number IS NOT NULL AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.serial_number = ca.serial_number)))
         ORDER BY ca.service_id, ca.adam_id LIMIT 500`,
      )
      .all(JSON.stringify(serviceIds)) as z.output<typeof ReclaimSuggestion>[];
  }
}

/** Sends the work within Apple's limits, waits for each event, and lists the ids Apple names as failed. */
async function submitAndWait(run: TokenRun, request: EventRequest): Promise<Failure[]> {
  return run(async (client) => {
    const failures: Failure[] = [];
    for (const submitted of await client.submitInBatches(request)) {
      const outcome = await client.waitForEvent(submitted);
      for (const failure of outcome.failures) {
        for (const id of [...failure.clientUserIds, ...failure.serialNumbers]) failures.push({ id, reason: `${failure.message} (Apple ${failure.errorNumber})` });
      }
    }
    return failures;
  });
}
