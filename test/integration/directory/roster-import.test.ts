import { describe, expect, it } from 'vitest';
import { generateDistrict } from '../../../main/demo/sample-district';
import { signedInAs, withOrganization } from '../../support/directory-app';
import { asUpload, jobEnd } from '../../support/import-files';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startApp = useTestApps();

const csvRows = (text: string) => text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;

async function importDistrict(files: Record<string, string>) {
  const app = startApp(tempDir(), newSecrets());
  const root = await withOrganization(app);
  const run = async (upload: Record<string, string> = files) => {
    const job = await root.ok('import.start', { parentGroupId: 1, files: asUpload(upload) });
    return jobEnd(app, job.id);
  };
  return { app, root, run };
}

describe('Apple School Manager import', () => {
  it('imports a realistic district: schools, classes, users, memberships and devices', async () => {
    const files = generateDistrict({ seed: 7 });
    const { app, root, run } = await importDistrict(files);
    const checked = await root.ok('import.check', { parentGroupId: 1, files: asUpload(files) });
    expect(checked.problems).toEqual([]);
    expect(checked.rows['students.csv']).toBe(csvRows(files['students.csv']!));

    const job = await run();
    expect(job).toMatchObject({ state: 'succeeded', kind: 'import' });
    const students = csvRows(files['students.csv']!);
    const staff = csvRows(files['staff.csv']!);
    const classes = csvRows(files['classes.csv']!);
    const devices = csvRows(files['devices.csv']!);
    expect(job.summary).toEqual({
      schools: { created: 3, updated: 0, unchanged: 0 },
      classes: { created: classes, updated: 0, unchanged: 0 },
      users: { created: students + staff, updated: 0, unchanged: 0 },
      devices: { created: devices, updated: 0, unchanged: 0 },
    });

    const tree = await root.ok('groups.tree', {});
    expect(tree.filter((g) => g.kind === 'school')).toHaveLength(3);
    expect(tree.filter((g) => g.kind === 'class')).toHaveLength(classes);
    expect((await root.ok('users.list', { groupId: 1 })).total).toBe(students + staff);
    expect((await root.ok('devices.list', { groupId: 1 })).total).toBe(devices);

    // Rosters place students in class groups: a class level lists exactly its rostered students.
    const aClass = tree.find((g) => g.kind === 'class')!;
    const { classId } = app.db.prepare("SELECT substr(external_id, 7) AS classId FROM groups WHERE id = ?").get(aClass.id) as { classId: string };
    const rostered = files['rosters.csv']!.split(/\r?\n/).slice(1).filter((line) => line.split(',')[1] === classId).length;
    const inClass = await root.ok('users.list', { groupId: aClass.id, limit: 500 });
    expect(rostered).toBeGreaterThan(0);
    expect(inClass.rows.filter((u) => u.role === 'student')).toHaveLength(rostered);
    expect(inClass.rows.some((u) => u.role === 'staff')).toBe(true);

    // Accented names survive the round trip.
    expect((await root.ok('users.list', { groupId: 1, search: 'José' })).total).toBeGreaterThan(0);
    const assigned = (await root.ok('devices.list', { groupId: 1, sort: 'owner', direction: 'desc', limit: 5 })).rows;
    expect(assigned[0]!.owner).not.toBeNull();
    expect(app.db.prepare("SELECT count(*) AS n FROM audit_entries WHERE action = 'directory.import'").get()).toEqual({ n: 1 });
  });

  it('importing the same files again updates in place: nothing new, everything unchanged', async () => {
    const files = generateDistrict({ seed: 7 });
    const { root, run } = await importDistrict(files);
    const first = await run();
    const second = await run();
    const total = (s: NonNullable<typeof first.summary>) => Object.values(s).reduce((n, c) => n + (c.created ?? 0) + (c.updated ?? 0) + (c.unchanged ?? 0), 0);
    expect(second.summary).toEqual({
      schools: { created: 0, updated: 0, unchanged: first.summary!.schools!.created },
      classes: { created: 0, updated: 0, unchanged: first.summary!.classes!.created },
      users: { created: 0, updated: 0, unchanged: first.summary!.users!.created },
      devices: { created: 0, updated: 0, unchanged: first.summary!.devices!.created },
    });
    expect(total(second.summary!)).toBe(total(first.summary!));
    expect((await root.ok('groups.tree', {})).filter((g) => g.kind === 'school')).toHaveLength(3);
  });

  it('a changed name is an update, and a device association made in the app survives a re-import', async () => {
    const files = generateDistrict({ seed: 7 });
    const { root, run } = await importDistrict(files);
    await run();
    const unassigned = (await root.ok('devices.list', { groupId: 1, sort: 'owner', limit: 500 })).rows.find((d) => d.owner === null)!;
    const someone = (await root.ok('users.list', { groupId: 1, limit: 1 })).rows[0]!;
    await root.ok('devices.associate', { deviceId: unassigned.id, owner: { kind: 'user', id: someone.id } });

    const renamed = { ...files, 'locations.csv': files['locations.csv']!.replace(/Springfield (Elementary|Middle|High)/, 'Springfield Renamed') };
    expect(renamed['locations.csv']).not.toBe(files['locations.csv']);
    const second = await run(renamed);
    expect(second.summary!.schools).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect((await root.ok('groups.tree', {})).map((g) => g.name)).toContain('Springfield Renamed');
    const after = (await root.ok('devices.list', { groupId: 1, search: unassigned.serialNumber })).rows[0]!;
    expect(after.owner).toMatchObject({ kind: 'user', id: someone.id });
  });

  it('a defective set imports nothing and lists every defect with its file and line', async () => {
    const files = generateDistrict({ seed: 7 });
    const students = files['students.csv']!.split('\r\n');
    students[3] = students[3]!.replace(/,LOC-\w+/, ',NO-SUCH-LOCATION');
    const broken = { ...files, 'students.csv': students.join('\r\n'), 'devices.csv': `${files['devices.csv']!.trimEnd()}\nBAD,x,Android,1,no,,LOC-1,\n` };
    const { root } = await importDistrict(broken);
    const checked = await root.ok('import.check', { parentGroupId: 1, files: asUpload(broken) });
    expect(checked.problems.length).toBeGreaterThanOrEqual(2);
    expect(checked.problems.every((p) => p.line !== null && p.message.length > 10)).toBe(true);
    expect(checked.problems.map((p) => p.file)).toEqual(expect.arrayContaining(['devices.csv', 'students.csv']));
    expect(checked.problems.find((p) => p.file === 'students.csv')).toMatchObject({ line: 4, message: expect.stringContaining('NO-SUCH-LOCATION') });

    expect(await root.call('import.start', { parentGroupId: 1, files: asUpload(broken) })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await root.ok('groups.tree', {})).length).toBe(1);
    expect((await root.ok('users.list', { groupId: 1 })).total).toBe(0);
  });

  it('names with a NUL, a line break or a tab are listed as problems, not an internal error', async () => {
    const files = generateDistrict({ seed: 7 });
    const broken = {
      ...files,
      'locations.csv': files['locations.csv']!.replace('"Springfield Elementary"', '"Springfield\u0000Elementary"'),
      'students.csv': files['students.csv']!.replace(',José,', ',"Jo\tsé",'),
      'classes.csv': files['classes.csv']!.replace('"Mathematics (Period 1)"', '"Mathematics\n(Period 1)"'),
    };
    const { app, root } = await importDistrict(broken);
    const checked = await root.ok('import.check', { parentGroupId: 1, files: asUpload(broken) });
    expect(checked.problems).toEqual([
      { file: 'classes.csv', line: 2, message: 'The class name contains a line break, tab or other control character. Remove it from the file.' },
      { file: 'locations.csv', line: 2, message: 'location_name contains a line break, tab or other control character. Remove it from the file.' },
      { file: 'students.csv', line: 2, message: 'The full name contains a line break, tab or other control character. Remove it from the file.' },
    ]);
    expect(await root.call('import.start', { parentGroupId: 1, files: asUpload(broken) })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(app.logged).toEqual([]);
  });

  it('a school admin cannot import over schools of another branch', async () => {
    const files = generateDistrict({ seed: 7 });
    const { app, root, run } = await importDistrict(files);
    await run();
    const other = await root.ok('groups.create', { parentId: 1, name: 'Other branch', kind: 'district' });
    await root.ok('admins.create', { name: 'Olga', email: 'olga@s.edu', password: 'other branch admin', directGroupIds: [other.id] });
    const olga = await signedInAs(app, 'olga', 'olga@s.edu', 'other branch admin');
    const checked = await olga.ok('import.check', { parentGroupId: other.id, files: asUpload(files) });
    expect(checked.problems.find((p) => p.file === 'locations.csv')).toMatchObject({ file: 'locations.csv', line: 2, message: 'location_id "LOC-001" was imported before into a group you do not administer. Leave it out, or ask an admin of the organization.' });
    // Nothing of the other branch is named: not its schools, classes or people.
    const schools = (await root.ok('groups.tree', {})).map((g) => g.name).filter((name) => name !== 'Other branch');
    const people = (await root.ok('users.list', { groupId: 1, limit: 500 })).rows.map((u) => u.name);
    const said = checked.problems.map((p) => p.message).join('\n');
    for (const name of [...schools, ...people]) expect(said).not.toContain(name);
    expect(checked.problems.some((p) => p.file === 'students.csv' && p.message.includes('belongs to someone in a group you do not administer'))).toBe(true);
  });
});
