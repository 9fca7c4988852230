import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppMetadataLookup } from './apple/client/app-metadata-lookup';
import { AppleClient } from './apple/client/apple-client';
import { RetryAfterGate } from './apple/client/retry-after-gate';
import type { TransportOptions } from './apple/client/transport-options';
import { auditHandlers } from './audit/audit-handlers';
import { AuditLog } from './audit/audit-log';
import { authHandlers } from './auth/auth-handlers';
import { AuthService } from './auth/auth-service';
import { SessionSettings } from './auth/session-settings';
import { SessionStore } from './auth/session-store';
import { systemClock, type Clock } from './clock/clock';
import { systemTimers, type Timers } from './clock/timers';
import { lockDataFolder } from './db/data-folder-lock';
import { DATABASE_FILE_NAME, openDatabase } from './db/open-database';
import { openReadConnection } from './db/open-read-connection';
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
import { ScopeAccess } from './distribution/scope-access';
import { OUR_MDM_NAME, TokenService, type AppleClientFactory } from './distribution/token-service';
import { TokenStore } from './distribution/token-store';
import { ConnectivityMonitor } from './distribution/sync/connectivity-monitor';
import { SettingsStore } from './distribution/sync/settings-store';
import { composeSync } from './distribution/sync/sync-composition';
import { EventBus, type EventListener } from './events/event-bus';
import { subscribeSession } from './events/event-audience';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import type { HandlerTable } from './ipc/handler-types';
import { installationId } from './db/installation-id';
import { namespacedSecretStore } from './keychain/namespaced-secret-store';
import type { SecretStore } from './keychain/secret-store';
import { statusHandlers } from './status/status-handlers';
import type { DemoControl } from './demo/app-host';
import { demoHandlers } from './demo/demo-handlers';
import { diagnosticsHandlers, diagnosticsSource, type DiagnosticsFile } from './diagnostics/diagnostics-handlers';
import { tokenFileHandlers, type PendingTokenFilePort } from './distribution/token-file-handlers';
import { HolderScopeStore } from './distribution/report/holder-scope-store';
import { ReportScope } from './distribution/report/report-scope';
import { reportHandlers } from './distribution/report/report-handlers';
import { ReportService } from './distribution/report/report-service';
import { ReportStore } from './distribution/report/report-store';
import { DownloadStore } from './export/download-store';
import type { ExportDestination } from './export/export-destination';
import { createMail } from './mail/create-mail';
import { createMdm } from './mdm/create-mdm';
import { createInvitations } from './distribution/invitations/create-invitations';
import { createInstalls } from './distribution/installs/create-installs';

export interface AppleConfig {
  /** Apple's v2 base URL; the sandbox's in demo mode and tests. */
  baseUrl?: string;
  /** Apple's public app lookup (names, icons); the sandbox's origin in demo mode and tests. */
  lookupBaseUrl?: string;
  /** Between event status polls; Apple's 30 s unless a sandbox allows less. */
  eventPollMs?: number;
  transport?: TransportOptions;
}

export interface AppConfig {
  dataDir: string;
  secrets: SecretStore;
  apple?: AppleConfig;
  clock?: Clock;
  logError?: (message: string, error: unknown) => void;
  /** Sync every service shortly after start and every N hours (the setting); default true, tests turn it off. */
  autoSync?: boolean;
  /** Timers of the automatic sync. */
  timers?: Timers;
  /** Where CSV exports go: the desktop's save dialog; by default a one-time browser download. */
  exportDestination?: ExportDestination;
  /** Set when an AppHost runs this app, which opens a sample district beside it for one window or tab. */
  demo?: DemoControl;
  /** The version the diagnostics report names; Electron's `app.getVersion()` or package.json. */
  appVersion?: string;
  /** The .vpptoken file the desktop was asked to open; browser mode has none. */
  pendingTokenFile?: PendingTokenFilePort;
}

export interface App {
  dispatch: Dispatch;
  bus: EventBus;
  /** Gives one window or tab (its client id) the events its signed-in admin may see. */
  listen(clientId: string, listener: EventListener): () => void;
  db: Database.Database;
  databaseFile: string;
  /** Exports waiting for the browser to fetch them. */
  downloads: DownloadStore;
  /** The diagnostics report of this app's data, for Help → Export Diagnostics. */
  diagnostics(): Promise<DiagnosticsFile>;
  close(): void;
}

const HOUR_MS = 60 * 60 * 1000;

const logToStderr = (message: string, error: unknown) => console.error(message, error);

/** Builds the whole main-side graph from a config; both entry points call this. */
export function createApp(config: AppConfig): App {
  const clock = config.clock ?? systemClock;
  const timers = config.timers ?? systemTimers;
  const logError = config.logError ?? logToStderr;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataFolder(config.dataDir);
  const databaseFile = join(config.dataDir, DATABASE_FILE_NAME);
  let db: Database.Database;
  try {
    db = openDatabase(databaseFile);
  } catch (error) {
    lock.release();
    throw error;
  }
  const exportDb = openReadConnection(databaseFile);
  const secrets = namespacedSecretStore(config.secrets, installationId(db));

  const bus = new EventBus();
  const audit = new AuditLog(db, clock);
  const groups = new GroupStore(db);
  const admins = new AdminStore(db);
  const scopes = new ScopeReader(groups, admins);
  const sessionSettings = new SessionSettings(new SettingsStore(db), scopes, audit);
  const sessions = new SessionStore(clock, () => sessionSettings.idleHours() * HOUR_MS);
  const auth = new AuthService(admins, sessions, audit, clock, () => sessionSettings.idleHours());
  const setup = new OrganizationSetup(db, groups, admins, sessions, audit, bus, clock);
  const users = new UserStore(db);
  const devices = new DeviceStore(db);
  const userService = new UserService(db, users, scopes, audit, bus, clock);
  const services = new ServiceStore(db);
  const access = new ScopeAccess(scopes, services);
  const jobs = new JobRegistry(bus, (adminId, scope) => access.seesWork(adminId, scope), audit, logError);
  const imports = new RosterImportService(scopes, new RosterWriter(db, groups, users, devices, clock), jobs, audit, bus);
  const tokens = new TokenStore(db);
  // Every client shares Apple's Retry-After waits, so no path calls Apple before the time it named.
  const appleTransport = { gate: new RetryAfterGate(), clock, ...config.apple?.transport };
  const appleClient: AppleClientFactory = (token, options) =>
    new AppleClient({
      token,
      baseUrl: config.apple?.baseUrl,
      ...options,
      ...appleTransport,
      ...(config.apple?.eventPollMs ? { events: { pollIntervalMs: config.apple.eventPollMs } } : {}),
    });
  const connectivity = new ConnectivityMonitor(bus, clock);
  const ourMdm = { id: installationId(db), name: OUR_MDM_NAME, metadata: config.appVersion ?? 'unknown' };
  const tokenService = new TokenService(db, services, tokens, secrets, scopes, appleClient, audit, bus, clock, ourMdm, connectivity, appleTransport.sleep);
  const sync = composeSync({
    db,
    bus,
    clock,
    audit,
    jobs,
    scopes,
    services,
    tokens,
    tokenService,
    connectivity,
    logError,
    lookup: new AppMetadataLookup({ baseUrl: config.apple?.lookupBaseUrl, ...appleTransport }),
    autoSync: config.autoSync ?? true,
    timers,
  });
  const catalog = new ServiceCatalog(db, services, tokens, tokenService, scopes, audit, bus, clock);
  const serviceCount = (groupId: number) => {
    const count = services.countIn(groupId);
    return [{ label: `${count} ${count === 1 ? 'service' : 'services'}`, count }];
  };
  const directory = {
    setup,
    groups: new GroupService(db, groups, scopes, audit, bus, clock, [serviceCount]),
    admins: new AdminService(db, admins, groups, scopes, sessions, audit, clock),
    users: userService,
    devices: new DeviceService(db, devices, admins, userService, scopes, audit, bus, clock, (admin, device) => invitations.automatic.deviceAssociated(admin, device)),
  };

  const downloads = new DownloadStore(config.dataDir, clock);
  const report = new ReportService(
    new ReportScope(scopes, services, new HolderScopeStore(db)),
    new ReportStore(db),
    new ReportStore(exportDb),
    config.exportDestination ?? downloads.destination,
    audit,
    clock,
  );
  const mail = createMail({ db, secrets, scopes, audit, clock, groups });
  const mdm = createMdm({ db, secrets, scopes, audit });
  const invitations = createInvitations({ db, tokenService, tokens, catalog, admins, groups, scopes, jobs, mailer: mail.mailer, mdm: mdm.adapter, audit, clock, timers, logError });
  const installs = createInstalls({ db, tokenService, scopes, services, jobs, mdm: mdm.adapter, invitations: invitations.automatic, audit, clock, timers });

  const diagnostics = diagnosticsSource({ db, secrets, clock, appVersion: config.appVersion ?? 'unknown', demo: config.demo?.active ?? false });

  const handlers: HandlerTable = {
    ...statusHandlers(setup, auth, secrets, config.demo?.active ?? false),
    ...authHandlers(auth, sessionSettings),
    ...directoryHandlers(directory),
    ...importHandlers(imports),
    ...jobHandlers(jobs),
    ...distributionHandlers(catalog, tokenService),
    ...auditHandlers(audit, scopes),
    ...sync.handlers,
    ...reportHandlers(report),
    ...mail.handlers,
    ...mdm.handlers,
    ...invitations.handlers,
    ...installs.handlers,
    ...demoHandlers(config.demo),
    ...diagnosticsHandlers(diagnostics, scopes),
    ...tokenFileHandlers(config.pendingTokenFile),
  };

  const dispatch = createDispatcher({
    handlers,
    sessionAdmin: (clientId) => auth.signedIn(clientId),
    signedOutReason: (clientId) => auth.signedOutReason(clientId),
    logError,
  });

  sync.start();
  invitations.start();
  // Jobs cut short by close() still announce how they ended; no window hears of it then.
  let open = true;

  return {
    dispatch,
    bus,
    listen: (clientId, listener) => subscribeSession(bus, access, () => (open ? auth.signedIn(clientId, false) : null), listener),
    db,
    databaseFile,
    downloads,
    diagnostics,
    close: () => {
      open = false;
      sync.close();
      invitations.close();
      mail.mailer.close();
      exportDb.close();
      db.close();
      lock.release();
    },
  };
}
