import type Database from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type { SignedInAdmin } from '../auth/signed-in-admin';
import type { Clock } from '../clock/clock';
import { DomainError } from '../errors/domain-error';
import { notFoundOrOutOfScope } from '../errors/out-of-scope';
import type { EventBus } from '../events/event-bus';
import type { AdminScope, ScopeReader } from './admin-scope';
import type { AdminStore } from './admin-store';
import type { DeviceFields, DeviceRecord, DeviceSort, DeviceStore } from './device-store';
import type { ListWindow } from './user-store';
import type { UserService } from './user-service';

/** Devices, and which user or admin each belongs to ("Adding devices to users and admins"). */
export class DeviceService {
  constructor(
    private readonly db: Database.Database,
    private readonly devices: DeviceStore,
    private readonly admins: AdminStore,
    private readonly userService: UserService,
    private readonly scopes: ScopeReader,
    private readonly audit: AuditLog,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    /** Told after a device is given to someone, e.g. to send an automatic invitation. */
    private readonly associated: (admin: SignedInAdmin, device: DeviceRecord) => void = () => undefined,
  ) {}

  list(admin: SignedInAdmin, window: ListWindow<DeviceSort>): { total: number; rows: DeviceRecord[] } {
    this.scopes.of(admin.id).requireGroup(window.groupId);
    return this.devices.list(window);
  }

  create(admin: SignedInAdmin, fields: DeviceFields): DeviceRecord {
    this.scopes.of(admin.id).requireGroup(fields.homeGroupId);
    this.requireUnique(fields, null);
    const id = this.db.transaction(() => {
      const created = this.devices.create(fields, this.clock.now());
      this.audit.record(admin.id, 'device.create', `device:${created}`, { serialNumber: fields.serialNumber });
      return created;
    })();
    this.bus.emit('directory.changed', { groupIds: [fields.homeGroupId] });
    return this.devices.byId(id)!;
  }

  update(admin: SignedInAdmin, deviceId: number, fields: DeviceFields): DeviceRecord {
    const scope = this.scopes.of(admin.id);
    const before = this.requireDevice(scope, deviceId);
    scope.requireGroup(fields.homeGroupId);
    this.requireUnique(fields, deviceId);
    this.db.transaction(() => {
      this.devices.update(deviceId, fields, this.clock.now());
      this.audit.record(admin.id, 'device.update', `device:${deviceId}`, { serialNumber: fields.serialNumber });
    })();
    this.bus.emit('directory.changed', { groupIds: [before.homeGroupId, fields.homeGroupId] });
    return this.devices.byId(deviceId)!;
  }

  delete(admin: SignedInAdmin, deviceId: number): void {
    const device = this.requireDevice(this.scopes.of(admin.id), deviceId);
    this.db.transaction(() => {
      this.devices.delete(deviceId);
      this.audit.record(admin.id, 'device.delete', `device:${deviceId}`, { serialNumber: device.serialNumber });
    })();
    this.bus.emit('directory.changed', { groupIds: [device.homeGroupId] });
  }

  associate(admin: SignedInAdmin, deviceId: number, owner: { kind: 'user' | 'admin'; id: number } | null): DeviceRecord {
    const scope = this.scopes.of(admin.id);
    const device = this.requireDevice(scope, deviceId);
    if (owner?.kind === 'user') this.userService.requireUser(scope, owner.id);
    if (owner?.kind === 'admin') this.requireReachableAdmin(scope, admin, owner.id);
    this.db.transaction(() => {
      this.devices.setOwner(deviceId, owner, this.clock.now());
      this.audit.record(admin.id, owner ? 'device.associate' : 'device.dissociate', `device:${deviceId}`, {
        serialNumber: device.serialNumber,
        from: device.owner ? `${device.owner.kind}:${device.owner.id}` : null,
        to: owner ? `${owner.kind}:${owner.id}` : null,
      });
    })();
    this.bus.emit('directory.changed', { groupIds: [device.homeGroupId] });
    const associated = this.devices.byId(deviceId)!;
    if (owner?.kind === 'user') this.associated(admin, associated);
    return associated;
  }

  private requireDevice(scope: AdminScope, deviceId: number): DeviceRecord {
    const device = this.devices.byId(deviceId);
    if (!device || !scope.canManage(device.homeGroupId)) throw notFoundOrOutOfScope('device');
    return device;
  }

  private requireReachableAdmin(scope: AdminScope, actor: SignedInAdmin, adminId: number): void {
    if (adminId === actor.id) return;
    const target = this.admins.byId(adminId);
    if (!target || !this.admins.directGroupIds(adminId).some((g) => scope.canManage(g))) throw notFoundOrOutOfScope('admin');
  }

  private requireUnique(fields: DeviceFields, exceptId: number | null): void {
    const bySerial = this.devices.idBySerial(fields.serialNumber);
    if (bySerial !== null && bySerial !== exceptId) {
      throw new DomainError('CONFLICT', `A device with serial number ${fields.serialNumber} already exists.`);
    }
    const byUdid = fields.udid === null ? null : this.devices.idByUdid(fields.udid);
    if (byUdid !== null && byUdid !== exceptId) {
      throw new DomainError('CONFLICT', `A device with enrollment id ${fields.udid} already exists.`);
    }
  }
}
