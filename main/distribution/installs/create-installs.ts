import type Database from 'better-sqlite3';
import type { AuditLog } from '../../audit/audit-log';
import type { Clock } from '../../clock/clock';
import type { Timers } from '../../clock/timers';
import type { ScopeReader } from '../../directory/admin-scope';
import type { JobRegistry } from '../../jobs/job-registry';
import type { MdmDelivery } from '../../mdm/mdm-adapter';
import type { AutomaticInvitations } from '../invitations/automatic-invitations';
import { HolderScopeStore } from '../report/holder-scope-store';
import { ReportScope } from '../report/report-scope';
import type { ServiceStore } from '../service-store';
import type { TokenService } from '../token-service';
import { installHandlers } from './install-handlers';
import { InstallService } from './install-service';
import { InstallStore } from './install-store';
import { LicenseReclaim } from './license-reclaim';
import { ReclaimSuggestionStore } from './reclaim-suggestion-store';

export interface InstallDeps {
  db: Database.Database;
  tokenService: TokenService;
  scopes: ScopeReader;
  services: ServiceStore;
  jobs: JobRegistry;
  mdm: MdmDelivery;
  invitations: Pick<AutomaticInvitations, 'userAssignedInstall'>;
  audit: AuditLog;
  clock: Clock;
  timers: Timers;
}

/** The install-apps capability, built once by the composition root; `handlers` go into the handler table. */
export function createInstalls(deps: InstallDeps) {
  const holderStore = new HolderScopeStore(deps.db);
  const reportScope = new ReportScope(deps.scopes, deps.services, holderStore);
  const installs = new InstallService(new InstallStore(deps.db), deps.tokenService, deps.scopes, deps.jobs, deps.mdm, deps.invitations, deps.audit, deps.clock, deps.timers);
  const reclaim = new LicenseReclaim(new ReclaimSuggestionStore(deps.db), holderStore, deps.tokenService, reportScope, deps.audit);
  return { handlers: installHandlers(installs, reclaim, reportScope) };
}
