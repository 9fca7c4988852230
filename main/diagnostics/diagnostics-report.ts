import type Database from 'better-sqlite3';
import { redactText, redactValue } from './redact';

/** Versions and system of the running app; in browser mode there is no Electron or Chromium. */
export interface RuntimeInfo {
  appVersion: string;
  electron: string | null;
  chromium: string | null;
  node: string;
  os: string;
}

export interface DiagnosticsSources {
  db: Database.Database;
  runtime: RuntimeInfo;
  keychain: { available: boolean; message: string | null };
  demo: boolean;
  now: Date;
}

/** How many audit entries the report carries: enough to see what led up to a problem. */
export const DIAGNOSTIC_AUDIT_ENTRIES = 200;

function rowCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n]),
  );
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function settings(db: Database.Database): Record<string, unknown> {
  const rows = db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((row) => [row.key, redactValue(parsed(row.value), row.key)]));
}

function auditEntries(db: Database.Database): unknown[] {
  const rows = db
    .prepare('SELECT id, at, admin_id AS adminId, action, target, details FROM audit_entries ORDER BY id DESC LIMIT ?')
    .all(DIAGNOSTIC_AUDIT_ENTRIES) as { id: number; at: string; adminId: number | null; action: string; target: string; details: string }[];
  return rows.map((row) => ({ ...row, target: redactText(row.target), details: redactValue(parsed(row.details)) }));
}

/**
 * The diagnostics bundle support asks for, as JSON text: versions, system, database shape,
 * recent audit entries and settings.
 *
 * Built from the database alone, never the keychain, so tokens, passwords and API keys are
 * out of reach; what the database does hold (audit details, settings) goes through the
 * redaction, in case a future entry is careless.
 */
export function buildDiagnosticsReport(sources: DiagnosticsSources): string {
  const { db } = sources;
  const report = {
    generatedAt: sources.now.toISOString(),
    app: { version: sources.runtime.appVersion, demo: sources.demo },
    runtime: {
      electron: sources.runtime.electron,
      chromium: sources.runtime.chromium,
      node: sources.runtime.node,
      os: sources.runtime.os,
    },
    keychain: { available: sources.keychain.available, message: sources.keychain.message === null ? null : redactText(sources.keychain.message) },
    database: {
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      rowCounts: rowCounts(db),
    },
    settings: settings(db),
    recentAuditEntries: auditEntries(db),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The file name the report is offered under, dated so several can sit side by side. */
export function diagnosticsFileName(now: Date): string {
  return `managed-distribution-diagnostics-${now.toISOString().slice(0, 10)}.json`;
}
