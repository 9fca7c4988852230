import type Database from 'better-sqlite3';
import type { AuditLog } from '../../audit/audit-log';
import type { Clock } from '../../clock/clock';
import type { Timers } from '../../clock/timers';
import type { ScopeReader } from '../../directory/admin-scope';
import type { AdminStore } from '../../directory/admin-store';
import type { GroupStore } from '../../directory/group-store';
import type { JobRegistry } from '../../jobs/job-registry';
import type { Mailer } from '../../mail/mailer';
import type { MdmDelivery } from '../../mdm/mdm-adapter';
import type { ServiceCatalog } from '../service-catalog';
import type { TokenService } from '../token-service';
import type { TokenStore } from '../token-store';
import { AutomaticInvitations } from './automatic-invitations';
import { invitationHandlers } from './invitation-handlers';
import { InvitationRunner } from './invitation-runner';
import { InvitationService } from './invitation-service';
import { InvitationStore } from './invitation-store';

export interface InvitationDeps {
  db: Database.Database;
  tokenService: TokenService;
  tokens: TokenStore;
  catalog: ServiceCatalog;
  admins: AdminStore;
  groups: GroupStore;
  scopes: ScopeReader;
  jobs: JobRegistry;
  mailer: Mailer;
  mdm: MdmDelivery;
  audit: AuditLog;
  clock: Clock;
  timers: Timers;
  logError: (message: string, error: unknown) => void;
}

/**
 * The invitations capability, built once by the composition root.
 *
 * `automatic` is the port DeviceService and installs call; `start()` resumes runs a restart
 * cut short; `close()` stops running ones so they resume next time.
 */
export function createInvitations(deps: InvitationDeps) {
  const store = new InvitationStore(deps.db);
  const runner = new InvitationRunner({
    store,
    tokens: deps.tokenService,
    mailer: deps.mailer,
    mdm: deps.mdm,
    groups: deps.groups,
    audit: deps.audit,
    clock: deps.clock,
    timers: deps.timers,
  });
  const service = new InvitationService(store, runner, deps.tokenService, deps.tokens, deps.admins, deps.scopes, deps.jobs, deps.audit, deps.clock, deps.mdm, deps.mailer);
  const automatic = new AutomaticInvitations(service, store, deps.catalog, deps.logError);
  return {
    handlers: invitationHandlers(service),
    automatic,
    start: () => service.resumeInterrupted(),
    close: () => service.close(),
  };
}
