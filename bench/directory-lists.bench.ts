/**
 * Directory lists at district scale: 50,000 users and 20,000 devices under three schools.
 *
 * The UI asks for one window of 100 rows at a time; each list call must stay far below a
 * frame budget's worth of work per row. "raw window" is the floor: the same rows with no
 * subtree, search or join, so the ratio shows what the app's query adds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { createApp } from '../main/app';
import { createOsSecretStore } from '../main/keychain/os-secret-store';

const USERS = 50_000;
const DEVICES = 20_000;

const dataDir = mkdtempSync(join(tmpdir(), 'md-bench-'));
const keychain = createOsSecretStore('com.manageddistribution.bench');
const app = createApp({ dataDir, secrets: keychain });
await app.dispatch('setup.createOrganization', { organizationName: 'Bench District', adminName: 'Bench', email: 'bench@x.edu', password: 'quiet lantern orchard 7' }, 'b');
const schools: number[] = [];
for (const name of ['North', 'South', 'East']) {
  const result = await app.dispatch('groups.create', { parentId: 1, name, kind: 'school' }, 'b');
  if (result.ok) schools.push((result.value as { id: number }).id);
}
const now = new Date().toISOString();
app.db.transaction(() => {
  const user = app.db.prepare("INSERT INTO users (name, email, role, home_group_id, external_id, created_at, updated_at) VALUES (?, ?, 'student', ?, ?, ?, ?)");
  for (let i = 0; i < USERS; i++) user.run(`Student ${String(i).padStart(6, '0')}`, `s${i}@bench.edu`, schools[i % 3], `P-${i}`, now, now);
  const device = app.db.prepare("INSERT INTO devices (serial_number, name, platform, os_version, home_group_id, user_id, created_at, updated_at) VALUES (?, ?, 'iPadOS', '17.4', ?, ?, ?, ?)");
  for (let i = 0; i < DEVICES; i++) device.run(`BENCH${String(i).padStart(7, '0')}`, `iPad ${i}`, schools[i % 3], i + 1, now, now);
})();
const raw = app.db.prepare('SELECT id, name, email FROM users ORDER BY name LIMIT 100 OFFSET ?');

describe(`users.list over ${USERS.toLocaleString()} users (100-row windows)`, () => {
  bench('raw window', () => {
    raw.all(25_000);
  });
  bench('organization, by name, first window', async () => {
    await app.dispatch('users.list', { groupId: 1 }, 'b');
  });
  bench('organization, by name, middle window', async () => {
    await app.dispatch('users.list', { groupId: 1, offset: 25_000 }, 'b');
  });
  bench('one school, search "0042"', async () => {
    await app.dispatch('users.list', { groupId: schools[0]!, search: '0042' }, 'b');
  });
  bench('organization, by device count', async () => {
    await app.dispatch('users.list', { groupId: 1, sort: 'devices', direction: 'desc' }, 'b');
  });
});

describe(`devices.list over ${DEVICES.toLocaleString()} devices (100-row windows)`, () => {
  bench('organization, by owner', async () => {
    await app.dispatch('devices.list', { groupId: 1, sort: 'owner' }, 'b');
  });
  bench('one school, search serial', async () => {
    await app.dispatch('devices.list', { groupId: schools[1]!, search: 'BENCH00012' }, 'b');
  });
});

// Each run's 50,000 users and 20,000 devices (about 33 MB) would otherwise stay in the temp folder.
afterAll(async () => {
  app.close();
  rmSync(dataDir, { recursive: true, force: true });
  for (const account of await keychain.list()) await keychain.delete(account);
});
