import type Database from 'better-sqlite3';
import type { Clock } from '../../clock/clock';
import { nextTurn } from '../../clock/next-turn';
import type { JobProgress, JobSummary } from '../../jobs/job-registry';
import type { AdminScope } from '../admin-scope';
import type { DeviceStore } from '../device-store';
import type { GroupStore } from '../group-store';
import type { Membership, UserFields, UserStore } from '../user-store';
import { CONTROL_CHARACTERS } from '../../../preload/schemas/control-characters';
import type { ImportProblem, Roster, RosterClass, RosterPerson } from './roster-types';

const CHUNK = 250;

type Counts = { created: number; updated: number; unchanged: number };
const counts = (): Counts => ({ created: 0, updated: 0, unchanged: 0 });

// Group external ids carry their kind: Apple does not promise a class_id never equals a location_id.
export const locationKey = (locationId: string) => `location:${locationId}`;
export const classKey = (classId: string) => `class:${classId}`;

export function personName(person: RosterPerson): string {
  return [person.firstName, person.middleName, person.lastName].filter(Boolean).join(' ');
}

export function className(klass: RosterClass, courseName: string | null): string {
  if (klass.displayName) return klass.displayName;
  const base = courseName ?? klass.courseId;
  return klass.classNumber ? `${base} (${klass.classNumber})` : base;
}

const courseNamesOf = (roster: Roster) => new Map(roster.courses.map((c) => [c.courseId, c.courseName ?? c.courseNumber]));

/** A name the directory would refuse (its CHECK counts characters only up to a NUL), said for the file's author. */
function nameProblem(what: string, name: string, max: number): string | null {
  if (CONTROL_CHARACTERS.test(name)) return `${what} contains a line break, tab or other control character. Remove it from the file.`;
  if (name.length > max) return `${what} is longer than ${max} characters.`;
  return null;
}

const sameMemberships = (a: readonly Membership[], b: readonly Membership[]) =>
  a.length === b.length && a.every((m, i) => m.groupId === b[i]!.groupId && m.role === b[i]!.role);

/**
 * Writes a validated roster into the directory, matching rows by their roster ids so a second
 * import of the same files updates in place.
 *
 * Locations become schools under the chosen parent, classes become class groups under their
 * school, students and staff become users whose home group is their first location; class
 * rosters, teaching and extra locations are recorded as group memberships.
 */
export class RosterWriter {
  constructor(
    private readonly db: Database.Database,
    private readonly groups: GroupStore,
    private readonly users: UserStore,
    private readonly devices: DeviceStore,
    private readonly clock: Clock,
  ) {}

  /**
   * What the database adds to a valid roster: rows that would change something out of reach, or clash.
   *
   * A record out of reach is never named (see errors/out-of-scope.ts): the file's own id is
   * repeated, not the name of the group, person or device it matched.
   */
  conflicts(roster: Roster, scope: AdminScope): ImportProblem[] {
    const problems: ImportProblem[] = [];
    const outOfReach = (groupId: number) => !scope.canManage(groupId);
    for (const location of roster.locations) {
      const existing = this.groups.byExternalId(locationKey(location.locationId));
      if (existing && outOfReach(existing.id)) {
        problems.push({ file: 'locations.csv', line: location.line, message: `location_id "${location.locationId}" was imported before into a group you do not administer. Leave it out, or ask an admin of the organization.` });
      }
      const locationName = nameProblem('location_name', location.name, 100);
      if (locationName) problems.push({ file: 'locations.csv', line: location.line, message: locationName });
    }
    const courseNames = courseNamesOf(roster);
    for (const klass of roster.classes) {
      const existing = this.groups.byExternalId(classKey(klass.classId));
      if (existing && outOfReach(existing.id)) {
        problems.push({ file: 'classes.csv', line: klass.line, message: `class_id "${klass.classId}" was imported before into a group you do not administer. Leave it out, or ask an admin of the organization.` });
      }
      const name = nameProblem('The class name', className(klass, courseNames.get(klass.courseId) ?? null), 100);
      if (name) problems.push({ file: 'classes.csv', line: klass.line, message: name });
    }
    for (const [file, people] of [['students.csv', roster.students], ['staff.csv', roster.staff]] as const) {
      for (const person of people) {
        const id = this.users.idByExternalId(person.personId);
        const user = id === null ? null : this.users.byId(id);
        if (user && outOfReach(user.homeGroupId)) {
          problems.push({ file, line: person.line, message: `person_id "${person.personId}" belongs to someone in a group you do not administer. Leave them out, or ask an admin of the organization.` });
        }
        const name = nameProblem('The full name', personName(person), 200);
        if (name) problems.push({ file, line: person.line, message: name });
      }
    }
    for (const device of roster.devices) {
      const id = this.devices.idBySerial(device.serialNumber);
      const existing = id === null ? null : this.devices.byId(id);
      if (existing && outOfReach(existing.homeGroupId)) {
        problems.push({ file: 'devices.csv', line: device.line, message: `Device ${device.serialNumber} is in a group you do not administer.` });
      }
      const udidOwner = device.udid === null ? null : this.devices.idByUdid(device.udid);
      if (udidOwner !== null && udidOwner !== id) {
        const owner = this.devices.byId(udidOwner)!;
        const which = outOfReach(owner.homeGroupId) ? 'another device' : `device ${owner.serialNumber}`;
        problems.push({ file: 'devices.csv', line: device.line, message: `udid "${device.udid}" already belongs to ${which}.` });
      }
    }
    return problems;
  }

  async write(roster: Roster, parentGroupId: number, progress: JobProgress): Promise<JobSummary> {
    const summary = { schools: counts(), classes: counts(), users: counts(), devices: counts() };
    const locationGroup = new Map<string, number>();
    const classGroup = new Map<string, number>();
    const userIds = new Map<string, number>();
    const courseNames = courseNamesOf(roster);
    const memberships = this.membershipsByPerson(roster);
    const people = [...roster.students.map((p) => ({ p, role: 'student' as const })), ...roster.staff.map((p) => ({ p, role: 'staff' as const }))];
    const total = roster.locations.length + roster.classes.length + people.length + roster.devices.length;
    let done = 0;

    const steps: { phase: string; run: () => void }[] = [
      ...roster.locations.map((location) => ({
        phase: 'Schools',
        run: () => {
          const key = locationKey(location.locationId);
          const existing = this.groups.byExternalId(key);
          if (!existing) {
            locationGroup.set(location.locationId, this.groups.create(parentGroupId, location.name, 'school', this.clock.now(), key));
            summary.schools.created++;
            return;
          }
          locationGroup.set(location.locationId, existing.id);
          // An admin may have moved the school; a re-import keeps it where it is now.
          if (existing.name === location.name && existing.kind === 'school') summary.schools.unchanged++;
          else {
            this.groups.updateFromImport(existing.id, location.name, existing.parentId ?? parentGroupId, 'school');
            summary.schools.updated++;
          }
        },
      })),
      ...roster.classes.map((klass) => ({
        phase: 'Classes',
        run: () => {
          const key = classKey(klass.classId);
          const name = className(klass, courseNames.get(klass.courseId) ?? null);
          const parent = locationGroup.get(klass.locationId)!;
          const existing = this.groups.byExternalId(key);
          if (!existing) {
            classGroup.set(klass.classId, this.groups.create(parent, name, 'class', this.clock.now(), key));
            summary.classes.created++;
            return;
          }
          classGroup.set(klass.classId, existing.id);
          if (existing.name === name && existing.parentId === parent) summary.classes.unchanged++;
          else {
            this.groups.updateFromImport(existing.id, name, parent, 'class');
            summary.classes.updated++;
          }
        },
      })),
      ...people.map(({ p, role }) => ({
        phase: 'Users',
        run: () => {
          const id = this.users.idByExternalId(p.personId);
          const current = id === null ? null : this.users.byId(id);
          const fields: UserFields = {
            name: personName(p),
            email: p.email,
            // Managed Apple IDs are not in the roster files; keep one set in the app.
            managedAppleId: current?.managedAppleId ?? null,
            role,
            gradeLevel: p.gradeLevel,
            externalId: p.personId,
            homeGroupId: locationGroup.get(p.locationIds[0]!)!,
          };
          const wanted = (memberships.get(p.personId) ?? [])
            .map(([kind, ref, membershipRole]) => ({
              groupId: (kind === 'class' ? classGroup.get(ref) : locationGroup.get(ref))!,
              role: membershipRole,
            }))
            .filter((m) => m.groupId !== fields.homeGroupId)
            .sort((a, b) => a.groupId - b.groupId)
            .filter((m, i, all) => i === 0 || all[i - 1]!.groupId !== m.groupId);
          if (!current) {
            const created = this.users.create(fields, this.clock.now());
            this.users.setMemberships(created, wanted);
            userIds.set(p.personId, created);
            summary.users.created++;
            return;
          }
          userIds.set(p.personId, current.id);
          const same =
            current.name === fields.name &&
            current.email === fields.email &&
            current.role === fields.role &&
            current.gradeLevel === fields.gradeLevel &&
            current.homeGroupId === fields.homeGroupId &&
            sameMemberships(this.users.membershipsOf(current.id), wanted);
          if (same) summary.users.unchanged++;
          else {
            this.users.update(current.id, fields, this.clock.now());
            this.users.setMemberships(current.id, wanted);
            summary.users.updated++;
          }
        },
      })),
      ...roster.devices.map((device) => ({
        phase: 'Devices',
        run: () => {
          const fields = {
            serialNumber: device.serialNumber,
            name: device.name,
            platform: device.platform,
            osVersion: device.osVersion,
            supervised: device.supervised,
            udid: device.udid,
            homeGroupId: locationGroup.get(device.locationId)!,
          };
          const owner = device.assignedPersonId === null ? null : { kind: 'user' as const, id: userIds.get(device.assignedPersonId) ?? this.users.idByExternalId(device.assignedPersonId)! };
          const id = this.devices.idBySerial(device.serialNumber);
          const current = id === null ? null : this.devices.byId(id);
          if (!current) {
            const created = this.devices.create(fields, this.clock.now());
            if (owner) this.devices.setOwner(created, owner, this.clock.now());
            summary.devices.created++;
            return;
          }
          // An empty assigned_person_id leaves an association made in the app as it is.
          const ownerChanged = owner !== null && (current.owner?.kind !== 'user' || current.owner.id !== owner.id);
          const same =
            current.name === fields.name &&
            current.platform === fields.platform &&
            current.osVersion === fields.osVersion &&
            current.supervised === fields.supervised &&
            current.udid === fields.udid &&
            current.homeGroupId === fields.homeGroupId &&
            !ownerChanged;
          if (same) summary.devices.unchanged++;
          else {
            this.devices.update(current.id, fields, this.clock.now());
            if (ownerChanged) this.devices.setOwner(current.id, owner, this.clock.now());
            summary.devices.updated++;
          }
        },
      })),
    ];

    // Chunks of their own transaction, with a pause between, so progress reaches the window
    // and other calls are served while a large district imports.
    for (let start = 0; start < steps.length; start += CHUNK) {
      progress.signal.throwIfAborted();
      const chunk = steps.slice(start, start + CHUNK);
      this.db.transaction(() => chunk.forEach((step) => step.run()))();
      done += chunk.length;
      progress.report(chunk.at(-1)!.phase, done, total);
      await nextTurn();
    }
    return summary;
  }

  /** person_id → the groups they belong to besides their home: classes taught or attended, extra schools. */
  private membershipsByPerson(roster: Roster): Map<string, ['class' | 'location', string, Membership['role']][]> {
    const map = new Map<string, ['class' | 'location', string, Membership['role']][]>();
    const add = (personId: string, entry: ['class' | 'location', string, Membership['role']]) => {
      const list = map.get(personId);
      if (list) list.push(entry);
      else map.set(personId, [entry]);
    };
    for (const person of [...roster.students, ...roster.staff]) {
      for (const locationId of person.locationIds.slice(1)) add(person.personId, ['location', locationId, 'member']);
    }
    for (const klass of roster.classes) for (const instructor of klass.instructorIds) add(instructor, ['class', klass.classId, 'instructor']);
    for (const enrollment of roster.rosters) add(enrollment.studentId, ['class', enrollment.classId, 'student']);
    return map;
  }
}
