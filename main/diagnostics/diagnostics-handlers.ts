import { arch, release, type } from 'node:os';
import type Database from 'better-sqlite3';
import type { Clock } from '../clock/clock';
import type { ScopeReader } from '../directory/admin-scope';
import { requireOrganizationAdmin } from '../directory/organization-admin';
import type { HandlerTable } from '../ipc/handler-types';
import { probeSecretStore } from '../keychain/os-secret-store';
import type { SecretStore } from '../keychain/secret-store';
import { buildDiagnosticsReport, diagnosticsFileName, type RuntimeInfo } from './diagnostics-report';

export interface DiagnosticsFile {
  fileName: string;
  text: string;
}

/** This process's versions: Electron and Chromium only when running inside Electron. */
export function runtimeInfo(appVersion: string): RuntimeInfo {
  return {
    appVersion,
    electron: process.versions.electron ?? null,
    chromium: process.versions.chrome ?? null,
    node: process.versions.node,
    os: `${type()} ${release()} (${arch()})`,
  };
}

/** The report for this app's database, as Help → Export Diagnostics and the Settings page both offer it. */
export function diagnosticsSource(deps: { db: Database.Database; secrets: SecretStore; clock: Clock; appVersion: string; demo: boolean }) {
  return async (): Promise<DiagnosticsFile> => {
    const now = deps.clock.now();
    const text = buildDiagnosticsReport({
      db: deps.db,
      runtime: runtimeInfo(deps.appVersion),
      keychain: await probeSecretStore(deps.secrets),
      demo: deps.demo,
      now,
    });
    return { fileName: diagnosticsFileName(now), text };
  };
}

/** Organization admins only: the report carries the whole district's recent audit entries. */
export function diagnosticsHandlers(report: () => Promise<DiagnosticsFile>, scopes: ScopeReader): Pick<HandlerTable, 'app.diagnostics'> {
  return {
    'app.diagnostics': (_input, { admin }) => {
      requireOrganizationAdmin(scopes.of(admin.id), 'export diagnostics for the whole district');
      return report();
    },
  };
}
