import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppleClient } from './apple/client/apple-client';
import type { TransportOptions } from './apple/client/transport-options';
import { auditHandlers } from './audit/audit-handlers';
import { AuditLog } from './audit/audit-log';
import { authHandlers } from './auth/auth-handlers';
import { AuthService } from './auth/auth-service';
import { SessionStore } from './auth/session-store';
import { systemClock, type Clock } from './clock/clock';
import { DATABASE_FILE_NAME, openDatabase } from './db/open-database';
import { ScopeReader } from './directory/admin-scope';
import { AdminService } from './directory/admin-service';
import { AdminStore } from './directory/admin-store';
import { DeviceService } from './directory/device-service';
import { DeviceStore } from './directory/device-store';
import { directoryHandlers } from './directory/directory-handlers';
import { GroupService } from './directory/group-service';
import { GroupStore } from './directory/group-store';
import { OrganizationSetup } from './directory/organization-setup';
import { UserService } from './directory/user-service';
import { UserStore } from './directory/user-store';
import { importHandlers } from './directory/import/import-handlers';
import { RosterImportService } from './directory/import/roster-import-service';
import { RosterWriter } from './directory/import/roster-writer';
import { jobHandlers } from './jobs/job-handlers';
import { JobRegistry } from './jobs/job-registry';
import { distributionHandlers } from './distribution/distribution-handlers';
import { ServiceCatalog } from './distribution/service-catalog';
import { ServiceStore } from './distribution/service-store';
import { TokenService } from './distribution/token-service';
import { TokenStore } from './distribution/token-store';
import { EventBus } from './events/event-bus';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import type { HandlerTable } from './ipc/handler-types';
import type { SecretStore } from './keychain/secret-store';
import { statusHandlers } from './status/status-handlers';

export interface AppleConfig {
  /** Apple's v2 base URL; the sandbox's in demo mode and tests. */
  baseUrl?: string;
  transport?: TransportOptions;
}

export interface AppConfig {
  dataDir: string;
  secrets: SecretStore;
  apple?: AppleConfig;
  clock?: Clock;
  logError?: (message: string, error: unknown) => void;
}

export interface App {
  dispatch: Dispatch;
  bus: EventBus;
  db: Database.Database;
  databaseFile: string;
  close(): void;
}

const logToStderr = (message: string, error: unknown) => console.error(message, error);

/** Builds the whole main-side graph from a config; both entry points call this. */
export function createApp(config: AppConfig): App {
  const clock = config.clock ?? systemClock;
  const logError = config.logError ?? logToStderr;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const databaseFile = join(config.dataDir, DATABASE_FILE_NAME);
  const db = openDatabase(databaseFile);

  const bus = new EventBus();
  const audit = new AuditLog(db, clock);
  const sessions = new SessionStore();
  const groups = new GroupStore(db);
  const admins = new AdminStore(db);
  const auth = new AuthService(admins, sessions, audit, clock);
  const setup = new OrganizationSetup(db, groups, admins, sessions, audit, bus, clock);
  const scopes = new ScopeReader(groups, admins);
  const users = new UserStore(db);
  const devices = new DeviceStore(db);
  const userService = new UserService(db, users, scopes, audit, bus, clock);
  const jobs = new JobRegistry(bus, logError);
  const imports = new RosterImportService(scopes, new RosterWriter(db, groups, users, devices, clock), jobs, audit, bus);
  const services = new ServiceStore(db);
  const tokens = new TokenStore(db);
  const appleClient = (token: string) => new AppleClient({ token, baseUrl: config.apple?.baseUrl, ...config.apple?.transport });
  const tokenService = new TokenService(db, services, tokens, config.secrets, scopes, appleClient, audit, bus, clock);
  const catalog = new ServiceCatalog(db, services, tokens, tokenService, scopes, audit, bus, clock);
  const serviceCount = (groupId: number) => {
    const count = services.countIn(groupId);
    return [{ label: `${count} ${count === 1 ? 'service' : 'services'}`, count }];
  };
  const directory = {
    setup,
    groups: new GroupService(db, groups, scopes, audit, bus, clock, [serviceCount]),
    admins: new AdminService(db, admins, groups, scopes, audit, clock),
    users: userService,
    devices: new DeviceService(db, devices, admins, userService, scopes, audit, bus, clock),
  };

  const handlers: HandlerTable = {
    ...statusHandlers(setup, auth, config.secrets),
    ...authHandlers(auth),
    ...directoryHandlers(directory),
    ...importHandlers(imports),
    ...jobHandlers(jobs),
    ...distributionHandlers(catalog, tokenService),
    ...auditHandlers(audit, scopes),
  };

  const dispatch = createDispatcher({
    handlers,
    sessionAdmin: (clientId) => auth.signedIn(clientId),
    logError,
  });

  return { dispatch, bus, db, databaseFile, close: () => db.close() };
}
