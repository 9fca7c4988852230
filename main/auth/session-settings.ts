import { SessionSettings as SessionSettingsSchema } from '../../preload/contract';
import type { AuditLog } from '../audit/audit-log';
import type { ScopeReader } from '../directory/admin-scope';
import { requireOrganizationAdmin } from '../directory/organization-admin';
import type { SettingsStore } from '../distribution/sync/settings-store';
import type { SignedInAdmin } from './signed-in-admin';

// Not named "session…": diagnostics would redact it as if it were a secret.
const IDLE_HOURS = 'signingIn.idleHours';
export const DEFAULT_IDLE_HOURS = 8;

export interface SessionSettingsValue {
  idleHours: number;
}

/**
 * How long a signed-in window may stay unused before it is signed out.
 *
 * One value for the whole installation, so only direct admins of the organization change it;
 * every change is audited with the old and new value.
 */
export class SessionSettings {
  constructor(
    private readonly store: SettingsStore,
    private readonly scopes: ScopeReader,
    private readonly audit: AuditLog,
  ) {}

  idleHours(): number {
    const stored = SessionSettingsSchema.shape.idleHours.safeParse(this.store.get(IDLE_HOURS));
    return stored.success ? stored.data : DEFAULT_IDLE_HOURS;
  }

  get(): SessionSettingsValue {
    return { idleHours: this.idleHours() };
  }

  update(admin: SignedInAdmin, value: SessionSettingsValue): SessionSettingsValue {
    requireOrganizationAdmin(this.scopes.of(admin.id), 'change how long sessions last');
    const before = this.idleHours();
    this.store.set(IDLE_HOURS, value.idleHours);
    this.audit.record(admin.id, 'settings.sessions', 'settings', { idleHours: { from: before, to: value.idleHours } });
    return this.get();
  }
}
