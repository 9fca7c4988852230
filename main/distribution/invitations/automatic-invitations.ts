import type { SignedInAdmin } from '../../auth/signed-in-admin';
import type { DeviceRecord } from '../../directory/device-store';
import type { ServiceCatalog } from '../service-catalog';
import { decide } from './invitation-eligibility';
import type { InvitationService } from './invitation-service';
import type { InvitationStore } from './invitation-store';

/**
 * Apps whose user-assigned install sends the invitation without asking (seed note).
 *
 * Apple Books (formerly iBooks) is App Store id 364709193. Apple publishes no App Store app
 * named "Apple School Manager"; installs add its id here if a district names one.
 */
export const INVITING_APP_IDS: ReadonlySet<string> = new Set(['364709193']);

/**
 * The invitations that go out without asking, recorded like any other run (automatic = 1).
 *
 * Kept deliberately narrow: an invitation is emailed only to a person Apple has Registered
 * (so an invite code exists) and who has not accepted yet, through each service whose active
 * token the acting admin may use at that level. Failures never undo the admin's action; they
 * are logged, and show in the run's results.
 */
export class AutomaticInvitations {
  constructor(
    private readonly invitations: Pick<InvitationService, 'startAutomatic'>,
    private readonly store: InvitationStore,
    private readonly catalog: Pick<ServiceCatalog, 'usableAt'>,
    private readonly logError: (message: string, error: unknown) => void,
  ) {}

  /** DeviceService's hook: a device was given to someone. */
  deviceAssociated(admin: SignedInAdmin, device: DeviceRecord): void {
    if (device.owner?.kind !== 'user') return;
    const userId = device.owner.id;
    try {
      for (const usable of this.catalog.usableAt(admin, device.homeGroupId)) {
        this.inviteIfRegistered(admin, usable.serviceId, device.homeGroupId, userId);
      }
    } catch (error) {
      // The association itself is done and stays done; only the courtesy email is lost.
      this.logError(`Automatic invitation of user ${userId} failed`, error);
    }
  }

  /**
   * For installs: a user-assigned install of an inviting app (Apple Books) was requested for
   * these people through this service at this level. Returns how many invitations started.
   */
  userAssignedInstall(admin: SignedInAdmin, target: { serviceId: number; groupId: number; adamId: string; userIds: readonly number[] }): number {
    if (!INVITING_APP_IDS.has(target.adamId)) return 0;
    return target.userIds.filter((userId) => this.inviteIfRegistered(admin, target.serviceId, target.groupId, userId)).length;
  }

  private inviteIfRegistered(admin: SignedInAdmin, serviceId: number, groupId: number, userId: number): boolean {
    const candidate = this.store.candidate(userId, serviceId);
    if (!candidate || candidate.appleStatus !== 'Registered' || candidate.email === null) return false;
    if (decide(candidate, { audience: 'all', byEmail: true, byDevice: false }).kind !== 'invite') return false;
    this.invitations
      .startAutomatic(admin, { serviceId, groupId }, userId, candidate.email)
      .catch((error: unknown) => this.logError(`Automatic invitation of user ${userId} failed`, error));
    return true;
  }
}
