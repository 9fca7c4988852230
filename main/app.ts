import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { AuditLog } from './audit/audit-log';
import { authHandlers } from './auth/auth-handlers';
import { AuthService } from './auth/auth-service';
import { SessionStore } from './auth/session-store';
import { systemClock, type Clock } from './clock/clock';
import { DATABASE_FILE_NAME, openDatabase } from './db/open-database';
import { AdminStore } from './directory/admin-store';
import { directoryHandlers } from './directory/directory-handlers';
import { GroupStore } from './directory/group-store';
import { OrganizationSetup } from './directory/organization-setup';
import { EventBus } from './events/event-bus';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import type { HandlerTable } from './ipc/handler-types';
import type { SecretStore } from './keychain/secret-store';
import { statusHandlers } from './status/status-handlers';

export interface AppConfig {
  dataDir: string;
  secrets: SecretStore;
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

  const handlers: HandlerTable = {
    ...statusHandlers(setup, auth, config.secrets),
    ...authHandlers(auth),
    ...directoryHandlers(setup, groups),
  };

  const dispatch = createDispatcher({
    handlers,
    sessionAdmin: (clientId) => auth.signedIn(clientId),
    logError: config.logError ?? logToStderr,
  });

  return { dispatch, bus, db, databaseFile, close: () => db.close() };
}
