import type { z } from 'zod';
import type { HolderFailure, ReclaimSuggestion, RevokeRequest, RevokeResult } from '../../../preload/schemas/install-schemas';
import type { EventRequest } from '../../apple/model/write-requests';
import type { AuditLog } from '../../audit/audit-log';
import type { SignedInAdmin } from '../../auth/signed-in-admin';
import { DomainError } from '../../errors/domain-error';
import type { HolderScopeStore } from '../report/holder-scope-store';
import type { ReportScope } from '../report/report-scope';
import type { TokenRun, TokenService } from '../token-service';
import type { ReclaimSuggestionStore } from './reclaim-suggestion-store';

type Failure = z.output<typeof HolderFailure>;

/**
 * Taking licenses back: disassociating one app, revoking all of a holder's licenses, retiring
 * Apple users, and suggesting licenses worth reclaiming from the offline cache.
 *
 * Writes go through TokenService.clientFor, so the same token access rule as installs holds,
 * and reach only holders the report shows the admin at that level (see HolderScope).
 */
export class LicenseReclaim {
  constructor(
    private readonly suggestionStore: ReclaimSuggestionStore,
    private readonly holderStore: HolderScopeStore,
    private readonly tokens: TokenService,
    private readonly reportScope: ReportScope,
    private readonly audit: AuditLog,
  ) {}

  async revoke(admin: SignedInAdmin, request: z.output<typeof RevokeRequest>): Promise<z.output<typeof RevokeResult>> {
    const { token, run } = await this.tokens.clientFor(admin, request.tokenId, request.groupId);
    const holders = { clientUserIds: request.clientUserIds, serialNumbers: request.serialNumbers };
    const requested = request.clientUserIds.length + request.serialNumbers.length;
    if (requested === 0) throw new DomainError('VALIDATION', 'Choose at least one user or device.');
    this.requireShown(admin, request.groupId, token.serviceId, holders);
    let event: EventRequest;
    if (request.action === 'revoke') event = { type: 'REVOKE', revocation: holders };
    else if (request.adamId) event = { type: 'DISASSOCIATE', licenses: { assets: [{ adamId: request.adamId, pricingParam: request.pricing }], ...holders } };
    else throw new DomainError('VALIDATION', 'Choose the app to take back.');
    const failures = await submitAndWait(run, event);
    this.audit.record(admin.id, `licenses.${request.action}`, `token:${request.tokenId}`, { adamId: request.adamId, holders: requested, failed: failures.length });
    return { requested, done: requested - failures.length, failures };
  }

  async retire(admin: SignedInAdmin, tokenId: number, groupId: number, clientUserIds: string[]): Promise<z.output<typeof RevokeResult>> {
    const { token, run } = await this.tokens.clientFor(admin, tokenId, groupId);
    this.requireShown(admin, groupId, token.serviceId, { clientUserIds, serialNumbers: [] });
    const failures = await submitAndWait(run, { type: 'RETIRE', users: clientUserIds.map((clientUserId) => ({ clientUserId })) });
    this.audit.record(admin.id, 'licenses.retireUsers', `token:${tokenId}`, { users: clientUserIds.length, failed: failures.length });
    return { requested: clientUserIds.length, done: clientUserIds.length - failures.length, failures };
  }

  /** Licenses held by retired Apple users, or by serials no device of the directory has any more, among those shown at this level. */
  suggestions(admin: SignedInAdmin, groupId: number): z.output<typeof ReclaimSuggestion>[] {
    const { serviceIds, holders } = this.reportScope.view(admin, groupId, null);
    return this.suggestionStore.suggestions(serviceIds, holders);
  }

  /** Nothing is taken back from a person or device the admin does not see at this level. */
  private requireShown(admin: SignedInAdmin, groupId: number, serviceId: number, holders: { clientUserIds: readonly string[]; serialNumbers: readonly string[] }): void {
    const hidden = this.holderStore.hidden(this.reportScope.serviceView(admin, groupId, serviceId).holders, serviceId, holders);
    if (hidden.length === 0) return;
    const some = hidden.length === 1 ? 'One of the chosen holders is' : `${hidden.length} of the chosen holders are`;
    throw new DomainError(
      'FORBIDDEN',
      `${some} not at or below this level, so nothing was taken back. Choose people and devices of this level, or ask an admin of theirs.`,
    );
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
