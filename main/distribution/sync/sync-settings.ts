import type { z } from 'zod';
import { Settings } from '../../../preload/schemas/report-schemas';
import type { AuditLog } from '../../audit/audit-log';
import type { SignedInAdmin } from '../../auth/signed-in-admin';
import type { SettingsStore } from './settings-store';

export type SyncSettingsValue = z.output<typeof Settings>;

const AUTO_SYNC_HOURS = 'autoSyncHours';
export const DEFAULT_AUTO_SYNC_HOURS = 24;

/**
 * The app's settings (for now: hours between automatic syncs, 0 for never).
 *
 * They belong to this installation, not to one admin, so any signed-in admin may change them;
 * every change is audited with the old and new value.
 */
export class SyncSettings {
  constructor(
    private readonly store: SettingsStore,
    private readonly audit: AuditLog,
  ) {}

  get(): SyncSettingsValue {
    const stored = Settings.shape.autoSyncHours.safeParse(this.store.get(AUTO_SYNC_HOURS));
    return { autoSyncHours: stored.success ? stored.data : DEFAULT_AUTO_SYNC_HOURS };
  }

  update(admin: SignedInAdmin, settings: SyncSettingsValue): SyncSettingsValue {
    const before = this.get();
    this.store.set(AUTO_SYNC_HOURS, settings.autoSyncHours);
    this.audit.record(admin.id, 'settings.update', 'settings', { autoSyncHours: { from: before.autoSyncHours, to: settings.autoSyncHours } });
    return this.get();
  }
}
