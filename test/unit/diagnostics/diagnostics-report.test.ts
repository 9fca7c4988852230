import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/audit/audit-log';
import { systemClock } from '../../../main/clock/clock';
import { openDatabase } from '../../../main/db/open-database';
import { migrations } from '../../../main/db/migrations';
import { buildDiagnosticsReport, DIAGNOSTIC_AUDIT_ENTRIES } from '../../../main/diagnostics/diagnostics-report';
import { REDACTED, redactValue } from '../../../main/diagnostics/redact';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

// Shaped like the real things: a base64 service token, a NanoMDM key, an invitation code.
const TOKEN = 'eyJ0b2tlbiI6IlZQUFNFQ1JFVHNlY3JldHNlY3JldCIsImV4cERhdGUiOiIyMDI3In0=';
const API_KEY = 'nanomdm-key-7f3a9c2e41b8d6f05a1e';
const INVITE_CODE = 'INV4f8a2c9d1e7b3a6c5d0e9f8a7b6c5d4e';
const SMTP_USER = 'mailer@springfield.edu';
const SMTP_PASSWORD = 'hunter2 is my smtp password';

function seededDatabase() {
  const db = openDatabase(join(tempDir(), 'md.sqlite'));
  const now = new Date().toISOString();
  db.prepare("INSERT INTO groups (id, parent_id, name, kind, created_at) VALUES (1, NULL, 'Springfield', 'organization', ?)").run(now);
  db.prepare("INSERT INTO services (id, group_id, name, created_at) VALUES (1, 1, 'District apps', ?)").run(now);
  db.prepare(
    `INSERT INTO tokens (service_id, fingerprint, org_name, location_name, location_uid, expires_at, added_at)
     VALUES (1, ?, 'Springfield', 'North High', 'loc-1', '2027-01-01', ?)`,
  ).run('fp-' + TOKEN.slice(0, 40), now);
  const settings = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  settings.run('mail.host', JSON.stringify('smtp.springfield.edu'));
  settings.run('mail.user', JSON.stringify(SMTP_USER));
  settings.run('mail.password', JSON.stringify(SMTP_PASSWORD));
  settings.run('mdm.apiKey', JSON.stringify(API_KEY));
  settings.run('sync.autoSyncHours', JSON.stringify(6));
  const audit = new AuditLog(db, systemClock);
  audit.record(null, 'token.add', 'North High', { token: TOKEN, serviceId: 1 });
  audit.record(null, 'invitation.send', 'ada@springfield.edu', { inviteCode: INVITE_CODE, note: `code ${INVITE_CODE} sent` });
  audit.record(null, 'mdm.save', 'MDM', { apiKey: API_KEY, nested: { password: SMTP_PASSWORD } });
  audit.record(null, 'mail.save', `SMTP settings (token ${TOKEN} pasted by mistake)`, { user: SMTP_USER });
  return { db, audit };
}

const runtime = { appVersion: '0.1.0', electron: '45.4.1', chromium: '140.0.0.0', node: '22.19.0', os: 'Darwin 25.0.0 (arm64)' };
const build = (db: ReturnType<typeof seededDatabase>['db']) =>
  buildDiagnosticsReport({ db, runtime, keychain: { available: true, message: null }, demo: false, now: new Date('2026-11-24T10:00:00Z') });

describe('the diagnostics report', () => {
  it('never contains a token, password, API key, invitation code or SMTP login', () => {
    const { db } = seededDatabase();
    const text = build(db);
    for (const secret of [TOKEN, API_KEY, INVITE_CODE, SMTP_USER, SMTP_PASSWORD, TOKEN.slice(0, 40)]) expect(text).not.toContain(secret);
    expect(text).toContain(REDACTED);
    db.close();
  });

  it('names the versions, the schema version and the rows of every table', () => {
    const { db } = seededDatabase();
    const report = JSON.parse(build(db));
    expect(report.runtime).toEqual({ electron: '45.4.1', chromium: '140.0.0.0', node: '22.19.0', os: 'Darwin 25.0.0 (arm64)' });
    expect(report.app.version).toBe('0.1.0');
    expect(report.database.schemaVersion).toBe(migrations.length);
    expect(report.database.rowCounts).toMatchObject({ tokens: 1, services: 1, groups: 1, audit_entries: 4 });
    expect(report.keychain).toEqual({ available: true, message: null });
    db.close();
  });

  it('keeps settings that are not secret, and ids in audit details', () => {
    const { db } = seededDatabase();
    const report = JSON.parse(build(db));
    expect(report.settings).toMatchObject({ 'mail.host': 'smtp.springfield.edu', 'sync.autoSyncHours': 6, 'mail.user': REDACTED });
    expect(report.recentAuditEntries.find((e: { action: string }) => e.action === 'token.add').details).toEqual({ token: REDACTED, serviceId: 1 });
    db.close();
  });

  it(`carries only the last ${DIAGNOSTIC_AUDIT_ENTRIES} audit entries, newest first`, () => {
    const { db, audit } = seededDatabase();
    for (let i = 0; i < DIAGNOSTIC_AUDIT_ENTRIES + 50; i++) audit.record(null, 'test.entry', `entry ${i}`);
    const entries = JSON.parse(build(db)).recentAuditEntries;
    expect(entries).toHaveLength(DIAGNOSTIC_AUDIT_ENTRIES);
    expect(entries[0].target).toBe(`entry ${DIAGNOSTIC_AUDIT_ENTRIES + 49}`);
    db.close();
  });
});

describe('redaction', () => {
  it('cuts a secret-shaped run out of any text and empties secret-named fields', () => {
    expect(redactValue({ message: `Bearer ${TOKEN}`, password: 'short', count: 3, sessionId: 7 })).toEqual({
      message: `Bearer ${REDACTED}`,
      password: REDACTED,
      count: 3,
      sessionId: 7,
    });
  });

  it('removes a PEM block whole', () => {
    expect(redactValue('key: -----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----')).toBe(`key: ${REDACTED}`);
  });
});
