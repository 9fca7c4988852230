import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, MigrationError, schemaVersion } from '../../../main/db/migrate';
import { migrations } from '../../../main/db/migrations';
import { openDatabase } from '../../../main/db/open-database';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('database migrations on a real file', () => {
  it('builds a fresh database at the newest version with WAL and foreign keys', () => {
    const file = join(tempDir(), 'md.sqlite');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['groups', 'admins', 'admin_direct_groups', 'audit_entries']));
    db.close();
    expect(existsSync(file)).toBe(true);
  });

  it('opening an up-to-date database again changes nothing', () => {
    const file = join(tempDir(), 'md.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it('0001 allows exactly one organization root', () => {
    const db = new Database(join(tempDir(), 'md.sqlite'));
    migrate(db, migrations, 1);
    const insert = db.prepare("INSERT INTO groups (parent_id, name, kind, created_at) VALUES (?, ?, ?, '2026-01-01')");
    const root = Number(insert.run(null, 'Springfield', 'organization').lastInsertRowid);
    insert.run(root, 'North High', 'school');
    insert.run(root, 'South High', 'school');
    expect(() => insert.run(null, 'Second root', 'organization')).toThrow(/UNIQUE/);
    db.close();
  });

  it('0002 upgrades a version-1 database and keeps its data', () => {
    const file = join(tempDir(), 'md.sqlite');
    const old = new Database(file);
    migrate(old, migrations, 1);
    old.prepare("INSERT INTO groups (parent_id, name, kind, created_at) VALUES (NULL, 'Springfield', 'organization', '2026-01-01')").run();
    old.prepare("INSERT INTO admins (name, email, password_hash, created_at) VALUES ('Ada', 'ada@x.edu', 'h', '2026-01-01')").run();
    old.close();

    const db = openDatabase(file, migrations.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT name FROM groups').all()).toEqual([{ name: 'Springfield' }]);
    expect(db.prepare('SELECT email FROM admins').all()).toEqual([{ email: 'ada@x.edu' }]);
    db.prepare("INSERT INTO audit_entries (at, admin_id, action, target) VALUES ('2026-01-02', 1, 'x', 'y')").run();
    expect(db.prepare('SELECT details FROM audit_entries').get()).toEqual({ details: '{}' });
    db.close();
  });

  it('0003 adds users, devices and memberships to a version-2 database, keeping its groups', () => {
    const db = new Database(join(tempDir(), 'md.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 2);
    db.prepare("INSERT INTO groups (parent_id, name, kind, created_at) VALUES (NULL, 'Springfield', 'organization', '2026-01-01')").run();
    migrate(db, migrations, 3);
    expect(db.prepare('SELECT name, external_id FROM groups').all()).toEqual([{ name: 'Springfield', external_id: null }]);
    db.prepare("INSERT INTO users (name, role, home_group_id, created_at, updated_at) VALUES ('Ana', 'student', 1, 'x', 'x')").run();
    const device = db.prepare("INSERT INTO devices (serial_number, platform, os_version, home_group_id, user_id, admin_id, created_at, updated_at) VALUES (?, 'iPadOS', '17', 1, ?, ?, 'x', 'x')");
    device.run('SERIAL0001', 1, null);
    expect(() => device.run('serial0001', null, null)).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO admins (name, email, password_hash, created_at) VALUES ('Ada', 'a@x', 'h', 'x')").run();
    expect(() => device.run('SERIAL0002', 1, 1)).toThrow(/CHECK/);
    db.close();
  });

  it('0004 adds services and tokens, with at most one active token per service', () => {
    const db = new Database(join(tempDir(), 'md.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 3);
    db.prepare("INSERT INTO groups (parent_id, name, kind, created_at) VALUES (NULL, 'Springfield', 'organization', '2026-01-01')").run();
    db.prepare("INSERT INTO users (name, role, home_group_id, created_at, updated_at) VALUES ('Ana', 'student', 1, 'x', 'x')").run();
    migrate(db, migrations, 4);
    expect(db.prepare('SELECT name FROM users').all()).toEqual([{ name: 'Ana' }]);
    db.prepare("INSERT INTO services (group_id, name, created_at) VALUES (1, 'Apps', 'x')").run();
    expect(() => db.prepare("INSERT INTO services (group_id, name, created_at) VALUES (1, 'APPS', 'x')").run()).toThrow(/UNIQUE/);
    const token = db.prepare(
      "INSERT INTO tokens (service_id, fingerprint, org_name, location_name, location_uid, expires_at, active, added_at) VALUES (1, ?, 'O', 'L', 'U', 'x', ?, 'x')",
    );
    token.run('f1', 1);
    token.run('f2', 0);
    expect(() => token.run('f3', 1)).toThrow(/UNIQUE/);
    expect(() => db.prepare('DELETE FROM groups WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('0009 gives cached Apple users of a version-8 database their search and sort keys, and keeps them with the directory', () => {
    const db = new Database(join(tempDir(), 'md.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 8);
    db.exec(`
      INSERT INTO groups (parent_id, name, kind, created_at) VALUES (NULL, 'Springfield', 'organization', 'x');
      INSERT INTO users (name, email, role, home_group_id, client_user_id, created_at, updated_at) VALUES ('Ana Ruiz', 'ana@s.edu', 'student', 1, 'cu-ana', 'x', 'x');
      INSERT INTO services (group_id, name, created_at) VALUES (1, 'Apps', 'x');
      INSERT INTO sync_state (service_id, live_generation) VALUES (1, 4);
      INSERT INTO cached_apple_users (service_id, generation, client_user_id, email, managed_apple_id, status, sort_name, license_count)
        VALUES (1, 4, 'cu-ana', NULL, NULL, 'Associated', 'Ana Ruiz', 3), (1, 4, 'cu-x', NULL, 'x@appleid.s.edu', 'Registered', 'x@appleid.s.edu', 0);
    `);
    migrate(db, migrations, 9);
    const keys = db.prepare('SELECT client_user_id, sort_name, sort_email, search_text, license_count FROM cached_apple_users ORDER BY client_user_id');
    expect(keys.all()).toEqual([
      { client_user_id: 'cu-ana', sort_name: 'Ana Ruiz', sort_email: 'ana@s.edu', search_text: 'Ana Ruiz\x1fana@s.edu', license_count: 3 },
      { client_user_id: 'cu-x', sort_name: 'x@appleid.s.edu', sort_email: 'x@appleid.s.edu', search_text: 'x@appleid.s.edu', license_count: 0 },
    ]);
    db.prepare("UPDATE users SET name = 'Ana Ortiz', email = 'ortiz@s.edu' WHERE client_user_id = 'cu-ana'").run();
    expect(keys.get()).toMatchObject({ sort_name: 'Ana Ortiz', sort_email: 'ortiz@s.edu', search_text: 'Ana Ortiz\x1fortiz@s.edu' });
    db.prepare("DELETE FROM users WHERE client_user_id = 'cu-ana'").run();
    expect(keys.get()).toMatchObject({ sort_name: 'cu-ana', sort_email: null, search_text: '' });
    db.close();
  });

  it('0010 lets the people of a level be read from the home-group index alone, keeping the users', () => {
    const db = new Database(join(tempDir(), 'md.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 9);
    db.exec(`
      INSERT INTO groups (parent_id, name, kind, created_at) VALUES (NULL, 'Springfield', 'organization', 'x');
      INSERT INTO users (name, email, role, home_group_id, client_user_id, created_at, updated_at) VALUES ('Ana Ruiz', 'ana@s.edu', 'student', 1, 'cu-ana', 'x', 'x');
    `);
    migrate(db, migrations, 10);
    const people = 'SELECT id, client_user_id FROM users WHERE home_group_id = 1';
    expect(db.prepare(people).all()).toEqual([{ id: 1, client_user_id: 'cu-ana' }]);
    expect(db.prepare(`EXPLAIN QUERY PLAN ${people}`).all()).toMatchObject([{ detail: 'SEARCH users USING COVERING INDEX users_by_home_group (home_group_id=?)' }]);
    db.close();
  });

  it('0011 keeps the install items and invitations of a version-10 database and allows commands queued but not reached', () => {
    const db = new Database(join(tempDir(), 'md.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 10);
    db.exec(`
      INSERT INTO groups (parent_id, name, kind, created_at) VALUES (NULL, 'Springfield', 'organization', 'x');
      INSERT INTO users (name, email, role, home_group_id, client_user_id, created_at, updated_at) VALUES ('Ana Ruiz', 'ana@s.edu', 'student', 1, 'cu-ana', 'x', 'x');
      INSERT INTO services (group_id, name, created_at) VALUES (1, 'Apps', 'x');
      INSERT INTO install_runs (id, service_id, token_id, group_id, admin_id, adam_id, pricing, kind, state, created_at)
        VALUES ('run-1', 1, 1, 1, NULL, '361309726', 'STDQ', 'device', 'finished', 'x');
      INSERT INTO install_items (run_id, serial_number, udid, platform, os_version, supervised, license_state, command_state, reason, command_uuid, updated_at)
        VALUES ('run-1', 'IPAD1', 'UDID-1', 'iPadOS', '17.4', 1, 'assigned', 'queued', NULL, 'uuid-1', 'x');
      INSERT INTO invitation_runs (id, service_id, token_id, group_id, admin_id, audience, by_email, by_device, state, created_at)
        VALUES ('inv-1', 1, 1, 1, NULL, 'all', 0, 1, 'finished', 'x');
      INSERT INTO invitations (run_id, user_id, channel, target, state, command_uuid, sent_at) VALUES ('inv-1', 1, 'device', 'UDID-1', 'sent', 'uuid-2', 'x');
    `);
    expect(() => db.prepare("UPDATE install_items SET command_state = 'not-reached'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO invitations (run_id, user_id, channel, target, state) VALUES ('inv-1', 1, 'apple', 'ana@appleid.s.edu', 'waiting')").run()).toThrow(/CHECK/);
    migrate(db, migrations, 11);

    expect(db.prepare('SELECT run_id, serial_number, command_state, command_uuid FROM install_items').all()).toEqual([
      { run_id: 'run-1', serial_number: 'IPAD1', command_state: 'queued', command_uuid: 'uuid-1' },
    ]);
    expect(db.prepare('SELECT licenses_only FROM install_runs').pluck().all()).toEqual([0]);
    expect(db.prepare('SELECT target, state, command_uuid FROM invitations').all()).toEqual([{ target: 'UDID-1', state: 'sent', command_uuid: 'uuid-2' }]);
    db.prepare("UPDATE install_items SET command_state = 'not-reached', reason = 'push data missing for id'").run();
    db.prepare("UPDATE invitations SET state = 'not-reached'").run();
    db.prepare("INSERT INTO invitations (run_id, user_id, channel, target, state) VALUES ('inv-1', 1, 'apple', 'ana@appleid.s.edu', 'waiting')").run();
    expect(() => db.prepare("INSERT INTO invitations (run_id, user_id, channel, target, state) VALUES ('inv-1', 1, 'carrier pigeon', '', 'waiting')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE install_items SET command_state = 'lost'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO invitations (run_id, user_id, channel, target, state) VALUES ('inv-1', 1, 'device', 'UDID-1', 'waiting')").run()).toThrow(/UNIQUE/);
    db.prepare("DELETE FROM install_runs WHERE id = 'run-1'").run();
    expect(db.prepare('SELECT count(*) FROM install_items').pluck().get()).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('install_items', 'invitations') ORDER BY name").pluck().all()).toEqual([
      'install_items_by_run',
      'invitations_by_run',
      'invitations_by_user',
      'sqlite_autoindex_invitations_1',
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('0012 gives services, syncs and runs of a version-11 database room for Apple waits and another MDM, keeping their rows', () => {
    const db = new Database(join(tempDir(), 'md.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 11);
    db.exec(`
      INSERT INTO groups (parent_id, name, kind, created_at) VALUES (NULL, 'Springfield', 'organization', 'x');
      INSERT INTO users (name, email, role, home_group_id, client_user_id, created_at, updated_at) VALUES ('Ana Ruiz', 'ana@s.edu', 'student', 1, 'cu-ana', 'x', 'x');
      INSERT INTO services (group_id, name, created_at) VALUES (1, 'Apps', 'x');
      INSERT INTO sync_state (service_id, live_generation) VALUES (1, 4);
      INSERT INTO invitation_runs (id, service_id, group_id, audience, by_email, by_device, state, created_at) VALUES ('r1', 1, 1, 'all', 1, 0, 'finished', 'x');
      INSERT INTO invitations (run_id, user_id, channel, target, state, sent_at) VALUES ('r1', 1, 'email', 'ana@s.edu', 'sent', '2026-01-02');
    `);
    migrate(db, migrations, 12);
    expect(db.prepare('SELECT run_id, channel, target, state, sent_at FROM invitations').all()).toEqual([
      { run_id: 'r1', channel: 'email', target: 'ana@s.edu', state: 'sent', sent_at: '2026-01-02' },
    ]);
    expect(db.prepare('SELECT resume_at FROM invitation_runs').pluck().all()).toEqual([null]);
    expect(db.prepare('SELECT other_mdm_name, other_mdm_seen_at FROM services').get()).toEqual({ other_mdm_name: null, other_mdm_seen_at: null });
    expect(db.prepare('SELECT retry_at FROM sync_state').get()).toEqual({ retry_at: null });
    expect(db.prepare('SELECT resume_at FROM install_runs').all()).toEqual([]);
    db.close();
  });

  it('0013 keeps the tokens of a version-12 database, none of them refused', () => {
    const db = new Database(join(tempDir(), 'md.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 12);
    db.exec(`
      INSERT INTO groups (parent_id, name, kind, created_at) VALUES (NULL, 'Springfield', 'organization', 'x');
      INSERT INTO services (group_id, name, created_at) VALUES (1, 'Apps', 'x');
      INSERT INTO tokens (service_id, fingerprint, org_name, location_name, location_uid, expires_at, status, active, added_at) VALUES (1, 'f1', 'O', 'L', 'U', 'x', 'invalid', 1, 'x');
    `);
    migrate(db, migrations, 13);
    expect(db.prepare('SELECT fingerprint, status, active, refused_at, refusal_checked_at FROM tokens').all()).toEqual([
      { fingerprint: 'f1', status: 'invalid', active: 1, refused_at: null, refusal_checked_at: null },
    ]);
    db.close();
  });

  it('a failing migration leaves the file exactly as it was and says so', () => {
    const file = join(tempDir(), 'md.sqlite');
    openDatabase(file).close();
    const broken = [
      ...migrations,
      { version: migrations.length + 1, name: 'broken step', sql: 'CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);' },
    ];

    let thrown: unknown;
    try {
      openDatabase(file, broken);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MigrationError);
    expect((thrown as Error).message).toMatch(
      new RegExp(`could not be upgraded to version ${migrations.length + 1} \\(broken step\\): no such table: no_such_table\\. It was left as it was`),
    );

    const db = new Database(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });

  it('refuses a database written by a newer app', () => {
    const file = join(tempDir(), 'md.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/written by a newer version of Managed Distribution \(database version 99/);
  });
});
